// Every page as a person sees it on a 360 px phone and with an empty workspace (issue 16): no
// page scrolls sideways, an empty page says what to do next, the follow-up form knows its
// customer after a reload.
'use strict';
const { test, expect } = require('../fixtures/test');
const { DEMO_PAGES } = require('../fixtures/demo-pages');

const PHONE = { width: 360, height: 740 };


async function enterDemo(page, buttonName) {
  await page.goto('settings/');
  await page.getByRole('button', { name: buttonName }).click();
  await expect(page.locator('.demo-banner')).toBeVisible();
  await expect(page).toHaveURL(/\/today\/$/);
}

/** The page is no wider than the screen (wide tables and the board scroll inside their box). */
async function expectNoSidewaysScroll(page, what) {
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect(scroll, `${what}: page width ${scroll} on a ${inner} px screen`).toBeLessThanOrEqual(inner);
}

test.beforeEach(async ({ page }) => {
  await page.clock.install({ time: new Date('2026-11-23T09:00:00') });
});

for (const [lang, locale, demoButton] of [
  ['中文', 'zh-CN', '打开演示工作区'],
  ['English', 'en-US', 'Open the demo workspace'],
]) {
  test.describe(`on a 360 px phone in ${lang}`, () => {
    test.use({ locale, viewport: PHONE });

    test('no page of the demo scrolls sideways, the presenter view included', async ({ page }) => {
      await enterDemo(page, demoButton);
      for (const address of DEMO_PAGES) {
        await page.goto(address);
        await expectNoSidewaysScroll(page, address);
      }
      await page.goto('customer/?id=demo-tech');
      await page.locator('.demo-banner .presenter-toggle').click();
      await expect(page.locator('.method-panel')).toBeVisible();
      await expectNoSidewaysScroll(page, 'presenter view');
    });

    test('the header keeps the app’s name and each language on one line', async ({ page }) => {
      await page.goto('today/');
      for (const name of ['中文', 'English']) {
        const box = await page.getByRole('button', { name, exact: true }).boundingBox();
        expect(box.height, `${name} on one line`).toBeLessThan(44);
      }
      const brand = await page.locator('.brand').boundingBox();
      expect(brand.height).toBeLessThan(44);
    });
  });
}

test.describe('on a 360 px phone', () => {
  test.use({ viewport: PHONE });

  test('the plan’s month marks the days with touches and counts them', async ({ page }) => {
    await enterDemo(page, 'Open the demo workspace');
    await page.goto('plan/');
    const busy = page.locator('.month-day:has(li)').first();
    await expect(busy).toBeVisible();
    // The mark is the day's count of touches (a CSS counter over its hidden list).
    const mark = await busy.evaluate((el) => {
      const after = getComputedStyle(el, '::after');
      return { content: after.content, width: parseFloat(after.width) || 0, touches: el.querySelectorAll('li').length };
    });
    expect(mark.content).toBe('counter(touches)');
    expect(mark.touches).toBeGreaterThan(0);
    const empty = await page.locator('.month-day:not(.blank):not(:has(li))').first().evaluate((el) => getComputedStyle(el, '::after').content);
    expect(empty).toBe('none');
    await expectNoSidewaysScroll(page, 'plan');
  });
});

test('an empty workspace: every daily page says what to do next', async ({ page }) => {
  for (const address of ['today/', 'plan/', 'todos/', 'pipeline/', 'dashboard/']) {
    await page.goto(address);
    const card = page.locator('.try-demo');
    await expect(card, address).toContainText('No customers yet');
    await expect(card.getByRole('link', { name: 'New customer' })).toHaveAttribute('href', /\/customers\/new\/$/);
    await expect(card.getByRole('button', { name: 'Open the demo workspace' })).toBeVisible();
  }
  // Logging a follow-up needs a customer: without one the page says so and leads back.
  await page.goto('followup/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Log a follow-up');
  await expect(page.locator('form')).toHaveCount(0);
  await expect(page.getByText('A follow-up belongs to a customer')).toBeVisible();
  await page.getByRole('link', { name: '← Back to customers' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Customers');
});

test('the follow-up form opened by its address knows its customer and owner', async ({ page }) => {
  await enterDemo(page, 'Open the demo workspace');
  await page.goto('followup/?customer=demo-tech');
  await expect(page.locator('.page-followup .lead')).toHaveText('Tech Co.');
  await expect(page.getByLabel('Owner', { exact: true })).toHaveValue('Manager Wang');
});

test.describe('on a laptop', () => {
  test.use({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });

  test('the customers list fits, “set tier by hand” is no dashed box, the churn chart reads whole percents', async ({ page }) => {
    await enterDemo(page, '打开演示工作区');
    await page.goto('customers/');
    const wrap = page.locator('.table-wrap').first();
    await expect(wrap.locator('tbody tr').first()).toBeVisible();
    const { scroll, client } = await wrap.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(scroll, 'the list fits its box').toBeLessThanOrEqual(client);
    await page.goto('customer/?id=demo-tech');
    const manual = page.locator('details.tier-manual');
    await expect(manual).toBeVisible();
    expect(await manual.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('none');
    // The churn chart's gridlines read as whole percents or halves, never 1.2 or 3.7.
    await page.goto('dashboard/');
    await expect(page.locator('figure.chart').first()).toBeVisible();
    const labels = await page.locator('figure.chart').first().locator('text.chart-axis:not(.chart-x-label):not(.chart-target-label)').allTextContents();
    expect(labels.length).toBeGreaterThan(3);
    for (const l of labels) expect(l).toMatch(/^-?\d+(\.[05])?%$/);
  });
});
