// The app shell, served under a sub-path by a plain static server.
'use strict';
const { test, expect } = require('../fixtures/test');
const { AppPage } = require('../fixtures/app-page');

const PAGES = [
  { slug: 'today', en: 'Today', zh: '今日' },
  { slug: 'customers', en: 'Customers', zh: '客户' },
  { slug: 'plan', en: 'Plan', zh: '计划' },
  { slug: 'todos', en: 'To-dos', zh: '待办' },
  { slug: 'pipeline', en: 'Pipeline', zh: '生命周期' },
  { slug: 'dashboard', en: 'Dashboard', zh: '仪表盘' },
  { slug: 'settings', en: 'Settings', zh: '设置' },
];

test('every page is reached by clicking the navigation', async ({ page, baseURL }) => {
  const app = new AppPage(page);
  await app.open();
  await expect(app.heading).toHaveText('Today');
  for (const { slug, en } of [...PAGES.slice(1), PAGES[0]]) {
    await app.clickNav(en);
    await expect(app.heading).toHaveText(en);
    await expect(page).toHaveURL(`${baseURL}${slug}/`);
    await expect(page).toHaveTitle(`${en} · Customer Care`);
  }
});

test('the back button returns to the previous page', async ({ page, baseURL }) => {
  const app = new AppPage(page);
  await app.open();
  await app.clickNav('Customers');
  await app.clickNav('Plan');
  await page.goBack();
  await expect(app.heading).toHaveText('Customers');
  await expect(page).toHaveURL(`${baseURL}customers/`);
  await page.goForward();
  await expect(app.heading).toHaveText('Plan');
});

test('switching language changes the UI and survives a reload', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('pipeline/');
  await expect(app.heading).toHaveText('Pipeline');
  await app.switchLanguage('中文');
  await expect(app.heading).toHaveText('生命周期');
  for (const { zh } of PAGES) {
    await expect(app.nav.getByRole('link', { name: zh, exact: true })).toBeVisible();
  }
  await expect(page).toHaveTitle('生命周期 · 客户维护');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

  await page.reload();
  await expect(app.heading).toHaveText('生命周期');
  await expect(page.getByRole('button', { name: '中文', exact: true })).toHaveAttribute('aria-pressed', 'true');

  await app.switchLanguage('English');
  await page.reload();
  await expect(app.heading).toHaveText('Pipeline');
});

test('every page opens straight from its URL, with or without the trailing slash', async ({ page, baseURL }) => {
  const app = new AppPage(page);
  for (const { slug, en } of PAGES) {
    await app.open(`${slug}/`);
    await expect(app.heading).toHaveText(en);
    await expect(app.nav.getByRole('link', { name: en, exact: true })).toHaveAttribute('aria-current', 'page');
  }
  await app.open('settings');
  await expect(app.heading).toHaveText('Settings');
  await expect(page).toHaveURL(`${baseURL}settings/`);
});

test('an unknown address inside the app says so and leads back', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  // Client-side navigation to an address no page has (a static host would 404 a reload).
  await page.evaluate(() => {
    history.pushState({}, '', 'no-such-page/');
    window.dispatchEvent(new PopStateEvent('popstate'));
  });
  await expect(app.heading).toHaveText('Page not found');
  await page.getByRole('link', { name: 'Back to Today' }).click();
  await expect(app.heading).toHaveText('Today');
});

test.describe('a Chinese browser', () => {
  test.use({ locale: 'zh-CN' });

  test('gets the Chinese UI on its first visit', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await expect(app.heading).toHaveText('今日');
    await expect(page).toHaveTitle('今日 · 客户维护');
  });
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the navigation is a tab bar at the bottom and every page is one tap away', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    const box = await app.nav.boundingBox();
    expect(box.y + box.height).toBeGreaterThan(844 - 2);
    expect(box.width).toBeGreaterThan(380);
    for (const { en } of PAGES) {
      await expect(app.nav.getByRole('link', { name: en, exact: true })).toBeInViewport({ ratio: 1 });
    }
    await app.clickNav('Dashboard');
    await expect(app.heading).toHaveText('Dashboard');
  });

  test('on a small phone every tab is still whole and tappable', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    const app = new AppPage(page);
    await app.open();
    for (const { en } of PAGES) {
      await expect(app.nav.getByRole('link', { name: en, exact: true })).toBeInViewport({ ratio: 1 });
    }
    await app.clickNav('Settings');
    await expect(app.heading).toHaveText('Settings');
  });

  test('no page is wider than the phone: wide tables and the board scroll inside their box', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    // The demo workspace fills every page with real content (tables, board, charts).
    await page.goto('settings/');
    await page.getByRole('button', { name: 'Open the demo workspace' }).click();
    await expect(page.locator('.demo-banner')).toBeVisible();
    const app = new AppPage(page);
    // Something of each page's own content (the demo's data; on Settings, its sections): the
    // width is measured once it is drawn.
    const content = {
      today: '.due-line',
      customers: 'table.customers-table tbody tr',
      plan: '.month-day:has(li)', // a day with touches (their list is folded on a phone)
      todos: '.todo-list .todo',
      pipeline: '.board .card-item',
      dashboard: '.chart-grid-2 .chart',
      settings: '.section-nav',
    };
    for (const { slug, en } of PAGES) {
      await app.clickNav(en);
      await expect(app.heading).toHaveText(en);
      await expect(page.locator('main').locator(content[slug]).first()).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${en} is wider than the screen`).toBeLessThanOrEqual(0);
    }
    // A profile with orders, satisfaction and lifecycle history: its tables scroll, not the page.
    await page.goto('customer/?id=demo-c01');
    await expect(page.locator('table.orders')).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'the profile is wider than the screen').toBeLessThanOrEqual(0);
  });
});
