// Training mode: the demo workspace (its own database), time travel, the presenter view with
// the method beside each page, and the guided tour.
'use strict';
const { test, expect } = require('../fixtures/test');
const { CustomersList } = require('../fixtures/customer-pages');
const { importCustomers, customer } = require('../fixtures/data');
const { holdDatabase } = require('../fixtures/hold');

/** Opens the demo from Settings (in the UI language `lang`) and waits for its data. */
async function enterDemo(page, buttonName = 'Open the demo workspace') {
  await page.goto('settings/');
  await page.getByRole('button', { name: buttonName }).click();
  await expect(page.locator('.demo-banner')).toBeVisible();
  await expect(page).toHaveURL(/\/today\/$/);
}

/** The touches (customer · kind) listed as due or overdue on Today. */
async function dueTouches(page) {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('.due-who').first()).toBeVisible();
  return page.locator('.today-section.due .due-who, .today-section.overdue .due-who').evaluateAll((lines) =>
    lines.map((l) => `${l.querySelector('a').textContent.trim()} · ${l.querySelector('strong').textContent.trim()}`),
  );
}

test.beforeEach(async ({ page }) => {
  await page.clock.install({ time: new Date('2026-11-23T09:00:00') });
});

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('the demo tells 001’s story: 科技公司 is A with its explanation; leaving finds the real data untouched', async ({ page }) => {
    // The user's own data: one customer of theirs.
    await page.goto('settings/');
    await page.getByRole('button', { name: 'English' }).click();
    await importCustomers(page, [customer('mine', '我的客户', [[30, 2]])]);
    await page.getByRole('button', { name: '中文' }).click();

    await enterDemo(page, '打开演示工作区');
    await expect(page.locator('.demo-banner')).toContainText('演示工作区');
    const list = new CustomersList(page);
    await list.open('客户');
    await expect(list.row('科技公司').locator('.tier')).toHaveText('A');
    await expect(list.row('YY贸易公司').locator('.tier')).toHaveText('B');
    await expect(list.row('ZZ制造厂').locator('.tier')).toHaveText('C');
    await expect(list.row('AA集团').locator('.tier')).toHaveText('D');
    await expect(page.getByText('我的客户')).toHaveCount(0);
    // About forty customers, with every page meaningful.
    await expect(list.row('华东商贸有限公司1')).toBeVisible();
    expect(await list.rows().count()).toBeGreaterThanOrEqual(38);

    await list.openCustomer('科技公司');
    await expect(page.locator('.tier-card .tier-explanation')).toHaveText(
      'A · 核心客户 · 年消费 85 万 ≥ 50 万 · 合作 3 年 ≥ 2 年 · 行业龙头 · 无流失风险',
    );
    // The banner is on every page, including a customer's profile.
    await expect(page.locator('.demo-banner')).toBeVisible();

    // A change in the demo stays in the demo: amounts in 元 there…
    await page.goto('settings/');
    await page.getByLabel('元', { exact: true }).check();
    await expect(page.getByLabel('元', { exact: true })).toBeChecked();
    await page.locator('.demo-banner').getByRole('button', { name: '离开演示' }).click();
    await expect(page.locator('.demo-banner')).toHaveCount(0);
    await list.open('客户');
    await expect(list.row('我的客户')).toBeVisible();
    await expect(page.getByText('科技公司')).toHaveCount(0);
    await expect(list.rows()).toHaveCount(1);
    // …and still in 万元 here.
    await page.goto('settings/');
    await expect(page.getByLabel('万元', { exact: true })).toBeChecked();
  });

  test('the presenter view puts the method beside each page, with the thresholds in force', async ({ page }) => {
    await enterDemo(page, '打开演示工作区');
    await page.getByRole('button', { name: '演示者视图' }).click();
    await expect(page.locator('html')).toHaveClass(/presenter/);
    const panel = page.locator('.method-panel');
    await expect(panel).toContainText('联系周期');

    await page.getByRole('link', { name: '客户', exact: true }).click();
    await expect(panel).toContainText('核心客户');
    await expect(panel).toContainText('年消费 ≥ 50 万，且 合作 ≥ 2 年，且 行业龙头，且 无流失风险');

    await page.getByRole('link', { name: '生命周期', exact: true }).click();
    await expect(panel.locator('table')).toContainText('流失后 1 个月内');

    await page.getByRole('link', { name: '仪表盘', exact: true }).click();
    await expect(panel).toContainText('年流失率 ≤ 15%');

    // The same panel in English; and the choice survives a reload.
    await page.getByRole('button', { name: 'English' }).click();
    await expect(panel).toContainText('Annual churn ≤ 15 %');
    await page.reload();
    await expect(page.locator('.method-panel')).toBeVisible();
    await page.getByRole('button', { name: 'Presenter view' }).click();
    await expect(page.locator('.method-panel')).toHaveCount(0);
    await expect(page.locator('html')).not.toHaveClass(/presenter/);
  });
});

test('time travel: a month ahead brings new due touches to Today; reset and the real workspace never move', async ({ page }) => {
  await enterDemo(page);
  const banner = page.locator('.demo-banner');
  await expect(banner.locator('.demo-date')).toContainText('2026-11-23');
  const before = await dueTouches(page);

  await banner.getByRole('button', { name: '+1 month' }).click();
  await expect(banner.locator('.demo-date')).toContainText('2026-12-23');
  await expect(banner.locator('.demo-date')).toContainText('30 days after today');
  await expect(page.locator('.page-today > .hint').first()).toContainText('2026-12-23');
  const after = await dueTouches(page);
  const arrived = after.filter((name) => !before.includes(name));
  expect(arrived.length, `new due touches after a month (before: ${before.length}, after: ${after.length})`).toBeGreaterThan(0);

  // The moved day holds across a reload and pages.
  await page.reload();
  await expect(page.locator('.demo-banner .demo-date')).toContainText('2026-12-23');

  // Day and week steps, and back.
  await banner.getByRole('button', { name: '−1 week' }).click();
  await banner.getByRole('button', { name: '+1 day' }).click();
  await expect(banner.locator('.demo-date')).toContainText('2026-12-17');
  await banner.getByRole('button', { name: 'Back to today' }).click();
  await expect(banner.locator('.demo-date')).toContainText('2026-11-23');

  // Reset restores the start and says so.
  await banner.getByRole('button', { name: '+1 week' }).click();
  await banner.getByRole('button', { name: 'Reset demo' }).click();
  await expect(page.getByText('The demo data is back to its start')).toBeVisible();
  await expect(banner.locator('.demo-date')).toContainText('2026-11-23');

  // Leaving: the real workspace is on the real day (it never time-travels).
  await banner.getByRole('button', { name: '+1 month' }).click();
  await banner.getByRole('button', { name: 'Leave demo' }).click();
  await expect(page.locator('.demo-banner')).toHaveCount(0);
  await expect(page.locator('.page-today > .hint').first()).toContainText('2026-11-23');
  // The empty real workspace offers the demo.
  await expect(page.getByRole('button', { name: 'Open the demo workspace' })).toBeVisible();
});

test('time travel brings the quarterly re-tier review; the dashboard compares tiers with the last one', async ({ page }) => {
  await enterDemo(page);
  const banner = page.locator('.demo-banner');
  const list = new CustomersList(page);
  await list.open();
  await expect(list.row('Tech Co.')).toBeVisible();
  const reviewDue = page.locator('.notice', { hasText: "This quarter's re-tier review is due" });
  await expect(reviewDue).toHaveCount(0);
  await banner.getByRole('button', { name: '+1 week' }).click();
  await expect(banner.locator('.demo-date')).toContainText('2026-11-30');
  await expect(reviewDue).toHaveCount(0);
  await banner.getByRole('button', { name: '+1 month' }).click();
  await expect(reviewDue).toBeVisible();

  await banner.getByRole('button', { name: 'Back to today' }).click();
  await page.goto('dashboard/');
  await expect(page.locator('.tier-change')).toContainText('At the last review (2026-09-07)');
});

test('a second tab opens the real data while the first shows the demo', async ({ page, context }) => {
  await importCustomers(page, [{ id: 'mine', name: 'My Co.', created_on: '2026-01-01', orders: [] }]);
  await enterDemo(page);
  const other = await context.newPage();
  const list = new CustomersList(other);
  await list.open();
  // The list has drawn the data it read, and it is the real one.
  await expect(list.row('My Co.')).toBeVisible();
  await expect(list.rows()).toHaveCount(1);
  await expect(other.locator('.demo-banner')).toHaveCount(0);
  await expect(other.getByText('Tech Co.')).toHaveCount(0);
  await other.close();
});

test('the guided tour steps through every page, back and next', async ({ page }) => {
  await enterDemo(page);
  await page.locator('.demo-banner').getByRole('button', { name: 'Guided tour' }).click();
  const box = page.locator('.tour-box');
  const steps = [
    { count: 'Tour 1 of 7', title: 'Tiering', url: /\/customer\/\?id=demo-tech$/, check: () => expect(page.getByRole('heading', { level: 1 })).toHaveText('Tech Co.') },
    { count: 'Tour 2 of 7', title: 'Cadence', url: /\/plan\/$/ },
    { count: 'Tour 3 of 7', title: 'Today', url: /\/today\/$/ },
    { count: 'Tour 4 of 7', title: 'Follow-up', url: /\/followup\/\?customer=demo-tech$/ },
    { count: 'Tour 5 of 7', title: 'Lifecycle', url: /\/pipeline\/$/ },
    { count: 'Tour 6 of 7', title: 'Churn warning', url: /\/customer\/\?id=demo-c01$/, check: () => expect(page.locator('h2 .health')).toHaveText('at risk') },
    { count: 'Tour 7 of 7', title: 'Dashboard', url: /\/dashboard\/$/ },
  ];
  for (const [i, step] of steps.entries()) {
    await expect(box.locator('.tour-count')).toHaveText(step.count);
    await expect(box.getByRole('heading')).toHaveText(step.title);
    await expect(page).toHaveURL(step.url);
    if (step.check) await step.check();
    // What the step describes is highlighted (one element), in view, and the card is not
    // over its top, where its heading is.
    const target = page.locator('.tour-target');
    await expect(target).toHaveCount(1);
    await expect(target).toBeInViewport();
    const covered = await target.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + 24, Math.max(r.top, 0) + 16);
      return !!hit && !!hit.closest('.tour-box');
    });
    expect(covered, `the tour card covers step ${step.count}'s subject`).toBe(false);
    if (i < steps.length - 1) await box.getByRole('button', { name: 'Next' }).click();
  }
  await box.getByRole('button', { name: 'Back' }).click();
  await expect(page).toHaveURL(/\/customer\/\?id=demo-c01$/);
  await expect(box.locator('.tour-count')).toHaveText('Tour 6 of 7');
  // The tour stays on its step across a reload.
  await page.reload();
  await expect(page.locator('.tour-box .tour-count')).toHaveText('Tour 6 of 7');
  await box.getByRole('button', { name: 'Next' }).click();
  await box.getByRole('button', { name: 'Finish' }).click();
  await expect(box).toHaveCount(0);
  await expect(page.locator('.tour-target')).toHaveCount(0);
  // From the keyboard: Escape ends a running tour.
  await page.locator('.demo-banner').getByRole('button', { name: 'Guided tour' }).press('Enter');
  await expect(box.locator('.tour-count')).toHaveText('Tour 1 of 7');
  await page.keyboard.press('Escape');
  await expect(box).toHaveCount(0);
});

/** Every customer's tier letter on the list, by name. */
async function tiersOnTheList(page) {
  const list = new CustomersList(page);
  await expect(list.rows().first()).toBeVisible();
  return list.rows().evaluateAll((rows) =>
    Object.fromEntries(rows.map((r) => [r.querySelector('th a').textContent.trim(), r.querySelector('.tier').textContent.trim()])),
  );
}

test('time travel there and back leaves every tier as it was', async ({ page }) => {
  await enterDemo(page);
  const banner = page.locator('.demo-banner');
  const list = new CustomersList(page);
  await list.open();
  await expect(list.row('Tech Co.')).toBeVisible();
  const atToday = await tiersOnTheList(page);
  expect(Object.keys(atToday).length).toBeGreaterThan(30);

  for (let m = 1; m <= 6; m++) {
    await banner.getByRole('button', { name: '+1 month' }).click();
    await expect(banner.locator('.demo-date')).toContainText(m === 1 ? '2026-12-23' : '2027-');
  }
  await expect(banner.locator('.demo-date')).toContainText('2027-05-23');
  // Six months on, the rules have moved some tiers (so the way back has something to undo).
  await expect.poll(async () => {
    const later = await tiersOnTheList(page);
    return Object.keys(atToday).filter((name) => later[name] !== atToday[name]).length;
  }).toBeGreaterThan(0);

  await banner.getByRole('button', { name: 'Back to today' }).click();
  await expect(banner.locator('.demo-date')).toContainText('2026-11-23');
  await expect.poll(() => tiersOnTheList(page)).toEqual(atToday);
  // And so they stay once stored: a reload reads the same.
  await page.reload();
  await expect(list.row('Tech Co.')).toBeVisible();
  await expect.poll(() => tiersOnTheList(page)).toEqual(atToday);
});

test('the time buttons stay where they are after the first jump', async ({ page }) => {
  await enterDemo(page);
  const banner = page.locator('.demo-banner');
  const forward = banner.getByRole('button', { name: '+1 month' });
  // As a presenter sees it: once the demo's data is in (the buttons wait for it).
  await expect(forward).toBeEnabled();
  // Where the button sits in the banner (the page itself may scroll as Today redraws).
  const place = async () => {
    const [b, f] = [await banner.boundingBox(), await forward.boundingBox()];
    return { x: Math.round(f.x - b.x), y: Math.round(f.y - b.y) };
  };
  const before = await place();
  await forward.click();
  await expect(banner.locator('.demo-date')).toContainText('2026-12-23');
  expect(await place()).toEqual(before);
});

test('the time buttons wait for the demo data: a jump made while it loads is neither undone nor without a way back', async ({ page, context }) => {
  await enterDemo(page);
  const banner = page.locator('.demo-banner');
  await expect(banner.locator('.demo-date')).toContainText('2026-11-23');
  const list = new CustomersList(page);
  await list.open();
  await expect(list.row('Tech Co.')).toBeVisible();

  // Another tab holds the demo database (a slow disk, a long write): this tab's load waits.
  const held = await holdDatabase(context, 'kehu-weihu-demo');
  await page.reload();
  const forward = banner.getByRole('button', { name: '+1 month' });
  await expect(forward).toBeVisible();
  await expect(forward).toBeDisabled();
  await expect(banner.getByRole('button', { name: '+1 week' })).toBeDisabled();
  await expect(banner.getByRole('button', { name: 'Reset demo' })).toBeDisabled();

  await held.release();
  await expect(forward).toBeEnabled();
  await expect(list.row('Tech Co.')).toBeVisible();
  await forward.click();
  await expect(banner.locator('.demo-date')).toContainText('2026-12-23');
  await banner.getByRole('button', { name: 'Back to today' }).click();
  await expect(banner.locator('.demo-date')).toContainText('2026-11-23');
});
