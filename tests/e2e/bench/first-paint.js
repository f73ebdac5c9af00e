// Returning-visit figures (issue 26), printed, never asserted: a browser that has the
// portfolio stored and has shown Today before opens the app again, and the time is taken
// from navigation start until Today's agenda is in the DOM — first as kept from the last visit
// (src/ui/first_paint.rs), then as the app computes it ("live") — beside a floor page that
// reads the same records with one getAll and writes 50 lines. bench.js calls it.
'use strict';

/** Any agenda line (the kept copy or the app's own). */
const SHOWN = "document.querySelector('.page-today .due-line .due-main')";
/** The app's own agenda, with the kept copy gone. */
const LIVE = "document.querySelector('body > .app .page-today .due-line .due-main') && !document.getElementById('kehu-kept')";

/** A new page of `context` on the given network conditions, opened at `url`. */
async function open(context, url, throttle) {
  const page = await context.newPage();
  if (throttle) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', throttle);
  }
  await page.goto(url, { waitUntil: 'commit' });
  return page;
}

/**
 * Opens Today in a new page of `context`: [shown, live] in ms since navigation start, and
 * whether the offline worker served it.
 */
async function visit(context, url, throttle) {
  const page = await open(context, url, throttle);
  // As a string: the page's Content-Security-Policy refuses eval().
  const times = await page.evaluate(`window.__until(() => (${SHOWN})).then(async () => {
    await window.__frame();
    const first = performance.now();
    await window.__until(() => (${LIVE}));
    await window.__frame();
    return [first, performance.now(), !!navigator.serviceWorker?.controller];
  })`);
  await page.close();
  return times;
}

/** The floor page: ms since navigation start until its 50 lines are painted. */
async function floorVisit(context, url, throttle) {
  const page = await open(context, url, throttle);
  const ms = await page.evaluate(() =>
    window.__until(() => document.querySelectorAll('.floor-line').length >= 50).then(async () => {
      await window.__frame();
      return performance.now();
    }),
  );
  await page.close();
  return ms;
}

/**
 * A context with the portfolio imported and Today shown once (so it is kept), with or without
 * the offline worker (then installed and controlling).
 */
async function returningContext(browser, { base, file, worker, importFile, newContext }) {
  const context = await newContext(browser, { serviceWorkers: worker ? 'allow' : 'block' });
  const page = await context.newPage();
  await importFile(page, file);
  await page.goto(base);
  await page.evaluate(`window.__until(() => (${LIVE}))`);
  if (worker) {
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await page.reload();
    await page.evaluate(`window.__until(() => (${LIVE}))`);
  }
  // The page is kept one frame after it is drawn; a moment more for the worker's cache.
  await page.waitForTimeout(1500);
  await page.close();
  return context;
}

async function returningFigures(browser, { base, file, rounds, phone, importFile, newContext, line, median }) {
  const rows = [
    { name: 'through the offline worker', worker: true, throttle: null, goal: 160 },
    { name: 'from the network, no worker', worker: false, throttle: null, goal: 350 },
    { name: 'phone (40 ms, 10 Mbit/s), gzip, no worker', worker: false, throttle: phone, goal: 530 },
  ];
  for (const row of rows) {
    const context = await returningContext(browser, { base, file, worker: row.worker, importFile, newContext }).catch((e) => {
      console.log(`returning visit, 1,000 stored, ${row.name}: not measured (${e.message.split('\n')[0]})`);
      return null;
    });
    if (!context) continue;
    const shown = [];
    const live = [];
    const floor = [];
    let controlled = 0;
    for (let i = 0; i < rounds; i++) {
      const [s, l, c] = await visit(context, base, row.throttle);
      shown.push(s);
      live.push(l);
      controlled += c ? 1 : 0;
      if (!row.worker) floor.push(await floorVisit(context, `${base}bench-floor.html`, row.throttle));
    }
    const s = median(shown);
    const note = row.worker ? ` (worker served ${controlled} of ${rounds})` : '';
    line(`returning visit, 1,000 stored, ${row.name}: Today's agenda shown${note}`, s, row.goal);
    line('  the same, the app\'s own agenda (live, the kept copy replaced)', median(live));
    if (floor.length) {
      const f = median(floor);
      line(`  floor: a plain page, one getAll, 50 lines (ours ${(s / f).toFixed(1)} × it; goal ≤ 2 ×)`, f);
    }
    await context.close();
  }
}

module.exports = { returningFigures, visit, LIVE };
