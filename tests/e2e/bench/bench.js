// Speed figures for the release build, printed, never asserted: a person's view of how long
// things take with a large portfolio. Run by scripts/bench.sh.
'use strict';
const { chromium } = require('@playwright/test');
const { backup, customer } = require('../fixtures/data');

const BASE = process.env.BENCH_URL || 'http://127.0.0.1:4373/tools/crm/';
const COUNT = Number(process.env.BENCH_CUSTOMERS || 5000);

function portfolio(n) {
  const industries = ['制造', '零售', '物流', '科技', '汽车', '医药'];
  const list = [];
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < n; i++) {
    const orders = [];
    const count = Math.floor(rand() * 12);
    for (let k = 0; k < count; k++) orders.push([Math.floor(rand() * 720) + 1, Math.round(rand() * 300) / 10]);
    list.push(
      customer(`c${i}`, `客户${i} ${industries[i % 6]}有限公司`, orders, {
        industry: industries[i % 6],
        owner: ['王经理', '李主管', '赵经理'][i % 3],
        contacts: [{ name: `联系人${i}`, phone: `138${String(i).padStart(8, '0')}` }],
        tags: i % 7 === 0 ? [{ kind: 'high_potential' }] : [],
      }),
    );
  }
  return list;
}

async function time(label, fn) {
  const start = Date.now();
  await fn();
  const ms = Date.now() - start;
  console.log(`${label.padEnd(52)} ${String(ms).padStart(6)} ms`);
  return ms;
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // A context of its own, so a second page of the same profile can be opened in it.
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  const file = backup(portfolio(COUNT));
  console.log(`portfolio: ${COUNT} customers, backup file ${(file.length / 1024).toFixed(0)} KB`);

  await time('first load of the app (Today)', async () => {
    await page.goto(BASE);
    await page.getByRole('heading', { level: 1 }).waitFor();
  });
  const load = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return nav ? Math.round(nav.loadEventEnd || performance.now()) : 0;
  });
  console.log(`${'first visit: load event (navigation timing)'.padEnd(52)} ${String(load).padStart(6)} ms`);
  const hasWorker = await page.evaluate(() => 'serviceWorker' in navigator && !!document.querySelector('link[rel=manifest]'));
  if (hasWorker) {
    await time('first visit: offline copy cached (in the background)', async () => {
      await page.evaluate(() => navigator.serviceWorker.ready);
    });
    // A second page of the same browser profile: the worker serves it.
    const second = await page.context().newPage();
    await time('second visit: served by the offline worker', async () => {
      await second.goto(BASE);
      await second.getByRole('heading', { level: 1 }).waitFor();
    });
    await second.close();
  }
  await page.goto(`${BASE}settings/`);
  await time('import: read, check and preview the file', async () => {
    await page.locator('input[type=file]').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(file) });
    await page.getByRole('button', { name: 'Import now' }).waitFor();
  });
  await time('import: write in one transaction', async () => {
    await page.getByRole('button', { name: 'Import now' }).click();
    await page.getByText(/Import done/).waitFor({ timeout: 120000 });
  });
  await time('Customers page: load, tier and show the table', async () => {
    await page.goto(`${BASE}customers/`);
    await page.locator('table.customers-table tbody tr').first().waitFor({ timeout: 120000 });
  });
  await time('search: type a name, table narrows to one row', async () => {
    await page.getByRole('searchbox').fill('客户4321 ');
    await page.waitForFunction(() => document.querySelectorAll('table.customers-table tbody tr').length === 1);
  });
  await page.getByRole('searchbox').fill('');
  await time('sort by 12-month spend, descending', async () => {
    await page.getByLabel('Sort by').selectOption({ label: 'Spend, last 12 months' });
    await page.getByLabel('Descending').check();
  });
  const main = await page.evaluate(async () => {
    // Longest main-thread task while switching language re-renders everything on the page.
    const start = performance.now();
    document.querySelector('.lang-switch button').click();
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return performance.now() - start;
  });
  console.log(`${'language switch with the full table on screen'.padEnd(52)} ${String(Math.round(main)).padStart(6)} ms`);
  await time('Today: every schedule computed, agenda shown', async () => {
    await page.goto(`${BASE}today/`);
    await page.locator('.due-line').first().waitFor({ timeout: 120000 });
  });
  await time('Plan: 12 months for every customer, month shown', async () => {
    await page.goto(`${BASE}plan/`);
    await page.locator('.month-day li').first().waitFor({ timeout: 120000 });
  });
  await time('Dashboard: every figure and 12 months of charts', async () => {
    await page.goto(`${BASE}dashboard/`);
    // The overdue count turns from 0 once the customers are loaded and measured.
    await page.waitForFunction(() => Number(document.querySelector('.stat-overdue .stat-number')?.textContent) > 0, null, { timeout: 120000 });
    await page.locator('.chart svg').nth(3).waitFor({ timeout: 120000 });
  });
  await time('open a profile from the list', async () => {
    await page.goto(`${BASE}customer/?id=c1234`);
    await page.locator('.tier-card').waitFor();
  });
  await browser.close();
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
