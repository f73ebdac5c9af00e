// A returning visit's first paint (issue 26, src/ui/first_paint.rs): Today as this browser
// last drew it shows before the app has loaded, only while it is still the current agenda,
// cannot be acted on, and gives way to the app's own page.
'use strict';
const { test, expect } = require('../fixtures/test');
const { importCustomers, seed001 } = require('../fixtures/data');

const KEY = 'kehu-weihu.today-kept';

/** Opens Today with the data of seed001 and waits until the page as drawn is kept. */
async function keptToday(page) {
  await importCustomers(page, seed001());
  await page.goto('');
  await expect(page.locator('.page-today .due-line').filter({ hasText: 'YY贸易公司' }).first()).toBeVisible();
  await expect.poll(() => page.evaluate((k) => (localStorage.getItem(k) || '').includes('YY贸易公司'), KEY)).toBe(true);
}

/**
 * From the next load on, holds the app (its wasm is not instantiated, so the page stays as
 * index.html drew it) until the returned function lets it go. A held request would fail
 * loudly when the page is reloaded; a held promise does not.
 */
async function holdApp(page) {
  await page.evaluate(() => sessionStorage.setItem('e2e-hold-app', '1'));
  return async () => {
    await page.evaluate(() => {
      sessionStorage.removeItem('e2e-hold-app');
      window.releaseApp();
    });
  };
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    if (sessionStorage.getItem('e2e-hold-app') !== '1') return;
    const instantiate = WebAssembly.instantiateStreaming.bind(WebAssembly);
    let release;
    const gate = new Promise((r) => (release = r));
    window.releaseApp = release;
    WebAssembly.instantiateStreaming = async (source, imports) => {
      await gate;
      return instantiate(source, imports);
    };
  });
});

/** Waits long enough for index.html's check (an IndexedDB read) to have drawn the copy. */
async function settle(page) {
  await page.waitForLoadState('domcontentloaded');
  await page.waitForTimeout(700);
}

test('a returning visit shows the last agenda before the app loads; it cannot be used, and the app replaces it', async ({ page }) => {
  await keptToday(page);
  const release = await holdApp(page);
  await page.reload({ waitUntil: 'commit' });
  const kept = page.locator('#kehu-kept');
  await expect(kept).toBeVisible();
  await expect(kept.locator('.page-today .due-line').filter({ hasText: 'YY贸易公司' }).first()).toBeVisible();
  // Nothing on it can be clicked, focused or read out as the page; it answers for no id.
  expect(await kept.evaluate((el) => el.inert)).toBe(true);
  await expect(kept).toHaveAttribute('aria-hidden', 'true');
  await expect(kept.locator('[id], [data-testid]')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Log touch', exact: true })).toHaveCount(0);

  // The app comes in: its own page takes the copy's place, and works.
  await release();
  await expect(kept).toHaveCount(0);
  const line = page.locator('.page-today .due-line').filter({ hasText: 'YY贸易公司' }).first();
  await expect(line).toBeVisible();
  await line.getByRole('button', { name: 'Log touch', exact: true }).click();
  await expect(line.getByRole('button', { name: 'Save', exact: true })).toBeVisible();
  await expect(page.locator('html')).not.toHaveClass(/kehu-kept/);
});

test('it is not shown once the data changed, on another day, in another language, or in the demo', async ({ page }) => {
  await keptToday(page);
  // From here the app stays held, so it cannot keep the page again while the spec changes
  // what the copy is checked against. Control: unchanged, it is shown.
  const release = await holdApp(page);
  await page.reload({ waitUntil: 'commit' });
  await expect(page.locator('#kehu-kept')).toBeVisible();
  const kept = page.locator('#kehu-kept');

  // The day it was drawn for has passed.
  const real = await page.evaluate((k) => localStorage.getItem(k), KEY);
  await page.evaluate((k) => {
    const copy = JSON.parse(localStorage.getItem(k));
    copy.date = '2000-01-01';
    localStorage.setItem(k, JSON.stringify(copy));
  }, KEY);
  await page.reload({ waitUntil: 'commit' });
  await settle(page);
  await expect(kept).toHaveCount(0);
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, real]);

  // Another language was chosen since.
  await page.evaluate(() => localStorage.setItem('kehu-weihu.lang', '"zh"'));
  await page.reload({ waitUntil: 'commit' });
  await settle(page);
  await expect(kept).toHaveCount(0);
  await page.evaluate(() => localStorage.removeItem('kehu-weihu.lang'));

  // This tab is in the training workspace.
  await page.evaluate(() => sessionStorage.setItem('kehu-weihu.demo', 'true'));
  await page.reload({ waitUntil: 'commit' });
  await settle(page);
  await expect(kept).toHaveCount(0);
  await page.evaluate(() => sessionStorage.removeItem('kehu-weihu.demo'));

  // Control again: with all of that undone, it is shown.
  await page.reload({ waitUntil: 'commit' });
  await expect(kept).toBeVisible();
  await release();
  await expect(kept).toHaveCount(0);

  // The data changed on another page (a profile edit), and Today was not drawn since.
  await page.goto('customer/?id=yy');
  await page.getByRole('button', { name: 'Edit' }).click();
  await page.getByRole('textbox', { name: 'Industry', exact: true }).fill('贸易');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Edit' })).toBeVisible();
  const again = await holdApp(page);
  await page.goto('', { waitUntil: 'commit' });
  await settle(page);
  await expect(kept).toHaveCount(0);
  await again();
  await expect(page.locator('.page-today .due-line').filter({ hasText: 'YY贸易公司' }).first()).toBeVisible();
});
