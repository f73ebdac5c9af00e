// Screenshots of every page, for a person to look at (issue 16): both languages, a laptop
// (1366 px) and a phone (360 px), the demo workspace and an empty one. Never run in CI; start
// the static server first, e.g.
//   cd tests/e2e && (E2E_PORT=4381 node static-server.js &) && SHOTS_URL=http://127.0.0.1:4381/tools/crm/ node shots/shots.js
// Writes PNGs and report.json (pages wider than the screen, elements sticking out, text of
// the other language) to SHOTS_DIR (default /tmp/shots).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('@playwright/test');

const BASE = process.env.SHOTS_URL || 'http://127.0.0.1:4381/tools/crm/';
const DIR = process.env.SHOTS_DIR || '/tmp/shots';
const ONLY = process.env.SHOTS_ONLY ? new RegExp(process.env.SHOTS_ONLY) : null;
const WIDTHS = [
  [1366, 900],
  [360, 740],
];
const LANGS = {
  zh: { locale: 'zh-CN', demo: '打开演示工作区', tour: '导览', presenter: '演示者视图' },
  en: { locale: 'en-US', demo: 'Open the demo workspace', tour: 'Guided tour', presenter: 'Presenter view' },
};

/** [name, address, what to do after it opened (optional)] */
function pages(data) {
  const one = data === 'demo' ? 'demo-tech' : 'none';
  return [
    ['today', 'today/'],
    ['plan', 'plan/'],
    ['customers', 'customers/'],
    ['customer', `customer/?id=${one}`],
    ['customer-risk', data === 'demo' ? 'customer/?id=demo-c01' : null],
    ['customer-new', 'customers/new/'],
    ['followup', data === 'demo' ? `followup/?customer=${one}` : 'followup/'],
    ['pipeline', 'pipeline/'],
    ['todos', 'todos/'],
    ['dashboard', 'dashboard/'],
    ['templates', 'templates/'],
    ['brief', `brief/?customer=${one}`],
    ['settings', 'settings/'],
    ['review', 'customers/review/'],
    ['notfound', 'today/', notFound],
  ].filter(([, url]) => url);
}

async function notFound(page) {
  await page.evaluate(() => {
    history.pushState({}, '', 'no-such-page/');
    window.dispatchEvent(new PopStateEvent('popstate'));
  });
  await page.waitForTimeout(300);
}

/** What a person would notice without looking closely: sideways scrolling, elements past the
 * right edge, text of the other language. */
async function inspect(page, lang) {
  return page.evaluate((lang) => {
    const vw = window.innerWidth;
    const out = { scrollWidth: document.documentElement.scrollWidth, innerWidth: vw, wide: [], foreign: [] };
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.right > vw + 1) {
        // Only the outermost offender; a scrolling container's content is fine.
        let p = el.parentElement;
        let inScroller = false;
        while (p && p !== document.body) {
          const s = getComputedStyle(p);
          if (/(auto|scroll|hidden)/.test(s.overflowX) && p.getBoundingClientRect().right <= vw + 1) inScroller = true;
          p = p.parentElement;
        }
        if (!inScroller && !(el.parentElement && el.parentElement.getBoundingClientRect().right > vw + 1)) {
          out.wide.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} right=${Math.round(r.right)}`);
        }
      }
    }
    out.scrollers = [];
    for (const el of document.querySelectorAll('.table-wrap, .table-scroll, table.plain, .board, .demo-time, .demo-actions')) {
      if (el.scrollWidth > el.clientWidth + 1) out.scrollers.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ${el.scrollWidth}>${el.clientWidth}`);
    }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const seen = new Set();
    while (walker.nextNode()) {
      const t = walker.currentNode.textContent.trim();
      if (!t || seen.has(t)) continue;
      const el = walker.currentNode.parentElement;
      if (!el || !el.getClientRects().length) continue;
      seen.add(t);
      if (lang === 'zh' && /[A-Za-z]{3,}/.test(t) && !/^[A-Z]{1,3}$/.test(t)) out.foreign.push(t.slice(0, 80));
      if (lang === 'en' && /[\u4e00-\u9fff]/.test(t)) out.foreign.push(t.slice(0, 80));
    }
    return out;
  }, lang);
}

(async () => {
  fs.mkdirSync(DIR, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const report = {};
  for (const [lang, l] of Object.entries(LANGS)) {
    for (const data of ['demo', 'empty']) {
      const context = await browser.newContext({ locale: l.locale, viewport: { width: 1366, height: 900 } });
      await context.clock.install({ time: new Date('2026-11-23T09:00:00') });
      const page = await context.newPage();
      page.on('pageerror', (e) => console.log(`pageerror ${lang} ${data}: ${e}`));
      await page.goto(BASE + 'settings/');
      await page.getByRole('heading', { level: 1 }).waitFor();
      if (data === 'demo') {
        await page.getByRole('button', { name: l.demo }).click();
        await page.locator('.demo-banner').waitFor();
        await page.waitForURL(/\/today\/$/);
      }
      const list = pages(data);
      if (data === 'demo') list.push(['tour', 'today/', tour(l.tour)], ['presenter', 'customer/?id=demo-tech', presenter(l.presenter)]);
      for (const [name, url, after] of list) {
        for (const [w, h] of WIDTHS) {
          const key = `${lang}-${data}-${w}-${name}`;
          if (ONLY && !ONLY.test(key)) continue;
          await page.setViewportSize({ width: w, height: h });
          await page.goto(BASE + url);
          await page.getByRole('heading', { level: 1 }).first().waitFor();
          await page.waitForTimeout(400);
          if (after) await after(page);
          // The viewport as tall as the page, so the phone's tab bar and sticky form buttons
          // sit where a person scrolled to the end would see them, not across the middle.
          const full = await page.evaluate(() => document.documentElement.scrollHeight);
          await page.setViewportSize({ width: w, height: Math.max(h, full) });
          await page.waitForTimeout(150);
          await page.screenshot({ path: path.join(DIR, `${key}.png`), fullPage: true });
          // Long pages also in parts of two screens each, easier to look at.
          for (let y = 0, n = 1; full > 2 * h && y < full; y += 2 * h, n++) {
            const clip = { x: 0, y, width: w, height: Math.min(2 * h, full - y) };
            await page.screenshot({ path: path.join(DIR, `${key}-part${n}.png`), clip });
          }
          await page.setViewportSize({ width: w, height: h });
          if (name === 'settings') {
            const cards = page.locator('section.card');
            const n = await cards.count();
            for (let i = 0; i < n; i++) {
              await cards.nth(i).screenshot({ path: path.join(DIR, `${key}-card${i}.png`) });
            }
          }
          report[key] = await inspect(page, lang);
          if (after && after.leave) await after.leave(page);
          console.log(key, report[key].scrollWidth > report[key].innerWidth ? 'WIDE' : '', report[key].wide.length, report[key].foreign.length);
        }
      }
      await context.close();
    }
  }
  fs.writeFileSync(path.join(DIR, 'report.json'), JSON.stringify(report, null, 1));
  await browser.close();
})();

function tour(name) {
  const open = async (page) => {
    await page.locator('.demo-banner').getByRole('button', { name }).click();
    await page.locator('.tour-box').waitFor();
    await page.waitForTimeout(400);
  };
  open.leave = (page) => page.keyboard.press('Escape');
  return open;
}

function presenter(name) {
  const open = async (page) => {
    await page.getByRole('button', { name }).click();
    await page.locator('.method-panel').waitFor();
    await page.waitForTimeout(300);
  };
  open.leave = (page) => page.getByRole('button', { name }).click();
  return open;
}
