// Pages after Today are fetched when first opened (src/ui/on_demand.rs). A fetch that fails or
// is still under way must never stop the app: the page says so and offers a retry.
'use strict';
const { test, expect } = require('../fixtures/test');
const { AppPage } = require('../fixtures/app-page');

// The offline worker would answer from its cache, out of the page's request routing; the
// browser reports each request the spec cuts off on the console.
test.use({ serviceWorkers: 'block', expectedConsoleErrors: [/net::ERR_INTERNET_DISCONNECTED/] });

// The page modules (the loader script itself comes with the first load).
const MODULES = '**/split-*/*.wasm';

test('the first load fetches no page module; opening Customers fetches its module', async ({ page }) => {
  const fetched = [];
  page.on('request', (r) => { if (/\/split-[^/]+\/.*\.wasm$/.test(r.url())) fetched.push(r.url()); });
  const app = new AppPage(page);
  await app.open();
  await expect(app.heading).toHaveText('Today');
  // Today has read the (empty) data and drawn what it shows for it.
  await expect(page.locator('.page-today .empty-state')).toHaveText('Nobody to contact today. Touches due by the cadence appear here.');
  expect(fetched, 'Today needs no page module').toEqual([]);
  await app.clickNav('Customers');
  await expect(app.heading).toHaveText('Customers');
  expect(fetched.length, 'a module was fetched for Customers').toBeGreaterThan(0);
});

test('a page whose module cannot be fetched says so, the app goes on, and a retry opens it', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await expect(app.heading).toHaveText('Today');
  await page.route(MODULES, (route) => route.abort('internetdisconnected'));
  await app.clickNav('Customers');
  const alert = page.getByRole('alert').filter({ hasText: 'could not be loaded' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('Your data is on this device');
  // The rest of the app still works.
  await app.clickNav('Today');
  await expect(app.heading).toHaveText('Today');
  await app.clickNav('Customers');
  await expect(alert).toBeVisible();
  // The network is back: the retry fetches the module and shows the page.
  await page.unroute(MODULES);
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(app.heading).toHaveText('Customers');
  await expect(alert).toHaveCount(0);
});

test('leaving a page while its module loads, and coming back, shows the right page', async ({ page, baseURL }) => {
  // The modules compiled and ready, by address: shows when the held module has come in.
  await page.addInitScript(() => {
    window.modulesIn = [];
    const instantiate = WebAssembly.instantiateStreaming.bind(WebAssembly);
    WebAssembly.instantiateStreaming = async (source, imports) => {
      const compiled = await instantiate(source, imports);
      window.modulesIn.push((await source).url);
      return compiled;
    };
  });
  const app = new AppPage(page);
  await app.open();
  await expect(app.heading).toHaveText('Today');
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(MODULES, async (route) => { await held; await route.continue(); });
  await app.clickNav('Plan');
  await expect(page.getByText('Opening the page…')).toBeAttached();
  await page.goBack();
  await expect(app.heading).toHaveText('Today');
  await expect(page).toHaveURL(`${baseURL}`);
  release();
  // The module comes in meanwhile (Plan's, split_work.wasm, compiled; the app takes it in the
  // same turn, so a frame later anything it would do has been done)…
  await expect
    .poll(() => page.evaluate(() => window.modulesIn.some((url) => url.endsWith('/split_work.wasm'))), {
      message: "Plan's module came in",
    })
    .toBe(true);
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done))));
  // …and does not pull the app away from Today…
  await expect(app.heading).toHaveText('Today');
  // …and going forward shows the page at once: it never says it is opening.
  await page.evaluate(() => {
    window.sawOpening = false;
    new MutationObserver(() => {
      if (document.querySelector('.page-loading')) window.sawOpening = true;
    }).observe(document.body, { childList: true, subtree: true });
  });
  await page.goForward();
  await expect(app.heading).toHaveText('Plan');
  await expect(page).toHaveURL(`${baseURL}plan/`);
  expect(await page.evaluate(() => window.sawOpening), 'Plan did not say "Opening the page…"').toBe(false);
});

test.describe('served by the offline worker', () => {
  test.use({ serviceWorkers: 'allow' });

  test('a returning visit compiles the pages when idle: none of them then says it is opening', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await page.reload();
    await expect(app.heading).toHaveText('Today');
    expect(await page.evaluate(() => !!navigator.serviceWorker.controller), 'served by the worker').toBe(true);
    // Modules are preloaded one after another; settings' comes last, so once it is fetched
    // the customers', plan's and dashboard's are in.
    await expect.poll(
      () => page.evaluate(() => performance.getEntriesByType('resource').some((e) => e.name.includes('split_setup.wasm'))),
      { timeout: 15_000 },
    ).toBe(true);
    await page.evaluate(() => {
      window.sawOpening = false;
      new MutationObserver(() => {
        if (document.querySelector('.page-loading')) window.sawOpening = true;
      }).observe(document.body, { childList: true, subtree: true });
    });
    for (const name of ['Customers', 'Plan', 'Dashboard']) {
      await app.clickNav(name);
      await expect(app.heading).toHaveText(name);
    }
    expect(await page.evaluate(() => window.sawOpening), 'no page said "Opening the page…"').toBe(false);
  });
});
