// Lifecycle pipeline (客户生命周期), churn warning (流失预警) and win-back (挽回).
'use strict';
const { test, expect } = require('../fixtures/test');
const { importCustomers } = require('../fixtures/data');
const { editInAnotherTab } = require('../fixtures/customer-pages');
const { holdDatabase } = require('../fixtures/hold');

const WAN = 1_000_000;

test.beforeEach(async ({ page }) => {
  await page.clock.install({ time: new Date('2026-03-02T12:00:00') });
});

const dropping = {
  id: 'zz',
  name: 'ZZ制造厂',
  owner: '李主管',
  created_on: '2024-01-01',
  orders: [
    { id: 'o1', date: '2025-11-10', amount_fen: 100 * WAN },
    { id: 'o2', date: '2026-02-10', amount_fen: 10 * WAN },
  ],
};

test('a customer whose orders drop is shown at risk with the reason, everywhere', async ({ page }) => {
  await importCustomers(page, [dropping, { id: 'ok', name: '稳定客户', orders: [] }]);
  await page.goto('customers/');
  await page.getByLabel('at risk').check();
  const rows = page.locator('table.customers-table tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('ZZ制造厂');
  await expect(rows.first()).toContainText('at risk');

  await page.goto('today/');
  await expect(page.locator('.today-section.at-risk')).toContainText("last 3 months' spend down 90% on the 3 before (≥ 50%)");

  await page.goto('customer/?id=zz');
  await expect(page.locator('#health-title')).toContainText('at risk');
  await expect(page.locator('.signals')).toContainText('spend down 90%');
});

test('a win-back case: started from the warning, two follow-ups, closed as recovered with a review', async ({ page }) => {
  await importCustomers(page, [dropping]);
  await page.goto('customer/?id=zz');
  await page.getByRole('button', { name: /Start win-back/ }).click();
  const card = page.locator('.winback-case');
  await expect(card).toContainText('Open win-back case · 2026-03-02');

  // The case asks for two contacts a week: a call is due today.
  await page.goto('today/');
  await expect(page.locator('.due-line').filter({ hasText: 'win-back (twice a week for a month)' })).toBeVisible();

  await page.goto('customer/?id=zz');
  await card.getByLabel('price').check();
  await card.getByLabel('Specific fix (describe)').fill('交付周期缩短到 7 天');
  await card.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Win-back case saved')).toBeVisible();

  for (const [date, topic] of [['2026-03-02', '了解流失原因'], ['2026-03-02', '提出价格方案']]) {
    await page.goto('customer/?id=zz');
    await page.locator('.winback-case').getByRole('link', { name: 'Log a win-back follow-up' }).click();
    await page.getByLabel('Date', { exact: true }).fill(date);
    await page.getByLabel('Topics (1–2, comma-separated)').fill(topic);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'ZZ制造厂' })).toBeVisible();
  }
  await expect(card.locator('ul').last()).toContainText('了解流失原因');
  await expect(card.locator('ul').last()).toContainText('提出价格方案');

  // Closing needs a review, whatever the result.
  await card.locator('.close-case select').selectOption({ label: 'recovered' });
  await card.getByRole('button', { name: 'Close the case' }).click();
  await expect(card.getByRole('alert')).toHaveText('Write the review');
  await card.getByLabel('Review (required, whatever the result)').fill('缩短交付后恢复下单');
  await card.getByRole('button', { name: 'Close the case' }).click();
  const section = page.locator('#winback-title').locator('..');
  await expect(section).toContainText('Closed cases');
  await expect(section).toContainText('recovered · 缩短交付后恢复下单');
  // The result is the churned stage's status.
  await page.goto('pipeline/');
  await expect(page.locator('.board-column').nth(4)).toContainText('ZZ制造厂');
  await expect(page.locator('.board-column').nth(4)).toContainText('recovered');
});

test('a win-back case being filled stays filled when the profile is redrawn', async ({ page }) => {
  await importCustomers(page, [dropping]);
  await page.goto('customer/?id=zz');
  await page.getByRole('button', { name: /Start win-back/ }).click();
  const card = page.locator('.winback-case');
  await card.getByLabel('price').check();
  await card.getByLabel('Specific fix (describe)').fill('交付周期缩短到 7 天');

  // A save in another tab redraws this profile with the new record.
  await editInAnotherTab(page, 'customer/?id=zz', { Industry: '汽车' });
  await expect(page.locator('dl.details').first()).toContainText('汽车');

  await expect(card.getByLabel('price')).toBeChecked();
  await expect(card.getByLabel('Specific fix (describe)')).toHaveValue('交付周期缩短到 7 天');
  await card.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Win-back case saved')).toBeVisible();
  await page.reload();
  await expect(card.getByLabel('Specific fix (describe)')).toHaveValue('交付周期缩短到 7 天');
});

test('a customer moves through all five stages; a passed time node shows as late', async ({ page }) => {
  await importCustomers(page, [{ id: 'aa', name: 'AA集团', owner: '赵经理', orders: [] }]);
  await page.goto('pipeline/');
  const columns = page.locator('.board-column');
  const card = page.locator('.card-item').filter({ hasText: 'AA集团' });
  await expect(columns.nth(0)).toContainText('AA集团');
  await expect(card).toContainText('inferred from orders');

  // Walk right from the inferred lead stage to churned, then back.
  await card.getByRole('button', { name: 'Move to the next stage' }).click();
  await expect(columns.nth(1)).toContainText('AA集团');
  for (let i = 2; i < 5; i++) {
    await card.getByRole('button', { name: 'Move to the next stage' }).click();
    await expect(columns.nth(i)).toContainText('AA集团');
  }
  await card.getByRole('button', { name: 'Move to the previous stage' }).click();
  await expect(columns.nth(3)).toContainText('AA集团');
  await card.getByRole('button', { name: 'Move to the previous stage' }).click();
  await card.getByRole('button', { name: 'Move to the previous stage' }).click();
  await card.getByRole('button', { name: 'Move to the previous stage' }).click();
  await expect(columns.nth(0)).toContainText('AA集团');
  await expect(card).toContainText('to nurture');
  await expect(card.locator('.late-flag')).toHaveCount(0);

  // A lead is to be screened and filed within one working day: two days on, it is late.
  await page.clock.setFixedTime(new Date('2026-03-04T12:00:00'));
  await page.goto('pipeline/');
  await expect(card.locator('.late-flag')).toHaveText('late');
  await page.goto('customer/?id=aa');
  await expect(page.locator('#lifecycle-title').locator('..')).toContainText('Time node: 2026-03-03');
  await page.getByLabel('screen').check();
  await page.getByLabel('file a profile').check();
  // Both tasks saved (the profile no longer calls the stage late) before the page is left.
  await expect(page.locator('#lifecycle-title').locator('..').locator('.late-flag')).toHaveCount(0);
  await page.goto('pipeline/');
  await expect(card.locator('.late-flag')).toHaveCount(0);

  // The history keeps every move.
  await page.goto('customer/?id=aa');
  await page.locator('.stage-history summary').click();
  await expect(page.locator('.stage-history li')).toHaveCount(8);
});

test('two key actions ticked while the first is still being saved are both kept', async ({ page, context }) => {
  await importCustomers(page, [{ id: 'aa', name: 'AA集团', orders: [] }]);
  // Set as a lead (not inferred), so its key actions are listed.
  await page.goto('pipeline/');
  const card = page.locator('.card-item').filter({ hasText: 'AA集团' });
  await card.getByRole('button', { name: 'Move to the next stage' }).click();
  await expect(page.locator('.board-column').nth(1)).toContainText('AA集团');
  await card.getByRole('button', { name: 'Move to the previous stage' }).click();
  await expect(page.locator('.board-column').nth(0)).toContainText('AA集团');
  await expect(card).not.toContainText('inferred from orders');
  await page.goto('customer/?id=aa');
  const screen = page.getByLabel('screen');
  const file = page.getByLabel('file a profile');
  await expect(screen).toBeVisible();
  await expect(screen).not.toBeChecked();

  // A slow save: the first tick is still on its way when the second is made.
  const held = await holdDatabase(context);
  await screen.check();
  await file.check();
  await held.release();
  // Both land in the database (a reload before the second save lands would cut it off: that
  // is a reload racing a save, not this test's question).
  const storedActions = () => page.evaluate(() => new Promise((done, failed) => {
    const open = indexedDB.open('kehu-weihu');
    open.onerror = () => failed(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const get = db.transaction('customers').objectStore('customers').get('aa');
      get.onsuccess = () => {
        db.close();
        done(((get.result && get.result.lifecycle && get.result.lifecycle.actions) || []).map((a) => a.action).sort());
      };
    };
  }));
  await expect.poll(storedActions).toEqual(['file', 'screen']);
  await expect(page.getByText(/changed in another tab/i)).toHaveCount(0);

  await page.reload();
  await expect(page.getByLabel('screen')).toBeChecked();
  await expect(page.getByLabel('file a profile')).toBeChecked();
});

test('a card can be dragged to another stage', async ({ page }) => {
  await importCustomers(page, [{ id: 'aa', name: 'AA集团', orders: [] }]);
  await page.goto('pipeline/');
  const card = page.locator('.card-item').filter({ hasText: 'AA集团' });
  await card.dragTo(page.locator('.board-column').nth(3));
  await expect(page.locator('.board-column').nth(3)).toContainText('AA集团');
  await expect(card).toContainText('loyal');
  await page.reload();
  await expect(page.locator('.board-column').nth(3)).toContainText('AA集团');
});

test('a long column draws its cards twenty at a time', async ({ page }) => {
  const many = Array.from({ length: 45 }, (_, i) => ({ id: `p${i}`, name: `潜在客户${String(i).padStart(2, '0')}`, orders: [] }));
  await importCustomers(page, many);
  await page.goto('pipeline/');
  const column = page.locator('.board-column').first();
  await expect(column.locator('.count-badge')).toHaveText('45');
  await expect(column.locator('.card-item')).toHaveCount(20);
  await column.getByRole('button', { name: 'Show more (25)' }).click();
  await expect(column.locator('.card-item')).toHaveCount(40);
  await column.getByRole('button', { name: 'Show more (5)' }).click();
  await expect(column.locator('.card-item')).toHaveCount(45);
  await expect(column.getByRole('button', { name: /Show more/ })).toHaveCount(0);
});
