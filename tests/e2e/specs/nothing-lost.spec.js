// Issue 22: nothing typed is lost — on a phone tapping from field to field at once, on a
// reload or a move to another page mid-form, through the skip link — and the daily flows
// that confused new users.
'use strict';
const { test, expect } = require('../fixtures/test');
const { ProfileForm, CustomersList } = require('../fixtures/customer-pages');
const { importCustomers, customer, day } = require('../fixtures/data');

const phone = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

test.describe('on a phone', () => {
  test.use(phone);

  test('a contact’s phone typed right after its name, tapping at once, is kept and saved', async ({ page }) => {
    await page.goto('customers/new/');
    const form = new ProfileForm(page);
    await form.field('Customer name').tap();
    await page.keyboard.type('移动客户');
    await form.form.getByRole('button', { name: '+ Add contact' }).tap();
    await new ProfileForm(page).row('contact', 0, 'name').tap();
    await page.keyboard.type('张经理');
    // No pause: the tap lands while the name's change is still being handled.
    await new ProfileForm(page).row('contact', 0, 'phone').tap();
    await page.keyboard.type('13800000000');
    await new ProfileForm(page).row('contact', 0, 'email').tap();
    await page.keyboard.type('z@example.com');
    await expect(new ProfileForm(page).row('contact', 0, 'name')).toHaveValue('张经理');
    await expect(new ProfileForm(page).row('contact', 0, 'phone')).toHaveValue('13800000000');
    await expect(new ProfileForm(page).row('contact', 0, 'email')).toHaveValue('z@example.com');
    await form.form.getByRole('button', { name: 'Save', exact: true }).tap();
    await expect(page.getByRole('heading', { level: 1, name: '移动客户' })).toBeVisible();
    await expect(page.locator('.contacts')).toContainText('13800000000');
  });

  test('a touch half-logged on Today keeps its note when its line moves to Overdue past midnight', async ({ page }) => {
    await page.clock.install({ time: new Date('2026-03-02T12:00:00') });
    await importCustomers(page, [{ id: 'a', name: '甲公司', orders: [], created_on: '2025-01-01' }]);
    await page.goto('today/');
    const line = page.locator('.due-line').filter({ hasText: '甲公司' }).first();
    await expect(page.locator('.today-section.due .due-line').filter({ hasText: '甲公司' })).toHaveCount(1);
    await line.getByRole('button', { name: 'Log touch' }).tap();
    await line.getByLabel('What was said').tap();
    await page.keyboard.type('电话沟通了新需求');

    // Left open past midnight: the touch is overdue now, listed in the other section.
    await page.clock.fastForward('13:00:00');
    const overdue = page.locator('.today-section.overdue .due-line').filter({ hasText: '甲公司' });
    await expect(overdue).toHaveCount(1);
    await expect(overdue.getByLabel('What was said')).toHaveValue('电话沟通了新需求');
    await overdue.getByRole('button', { name: 'Save', exact: true }).tap();
    await expect(page.getByText('Logged', { exact: true })).toBeVisible();
  });

  test('every tap target is at least 44 px high', async ({ page }) => {
    await importCustomers(page, [customer('a', '甲公司', [[10, 5]])]);
    await page.goto('customers/new/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const heights = async (locator) => locator.evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().height)));
    const nav = await heights(page.locator('.nav-link'));
    expect(nav.length).toBeGreaterThan(5);
    for (const h of nav) expect(h).toBeGreaterThanOrEqual(44);
    const chips = await heights(page.locator('.chip-check'));
    expect(chips.length).toBeGreaterThan(3);
    for (const h of chips) expect(h).toBeGreaterThanOrEqual(44);
    const boxes = await heights(page.locator('input[type=checkbox]'));
    for (const h of boxes) expect(h).toBeGreaterThanOrEqual(24);
    const buttons = await heights(page.locator('form button'));
    for (const h of buttons) expect(h).toBeGreaterThanOrEqual(44);
  });
});

test('a half-filled new customer survives a reload and a move to another page, and is gone once saved', async ({ page }) => {
  await page.goto('customers/new/');
  const form = new ProfileForm(page);
  await form.fill('Customer name', '半路客户');
  await form.fill('Industry', '制造');
  await form.addOrder({ date: day(-5), amount: '3' });
  await page.reload();
  await expect(form.field('Customer name')).toHaveValue('半路客户');
  await expect(form.field('Industry')).toHaveValue('制造');
  await expect(new ProfileForm(page).row('order', 0, 'amount')).toHaveValue('3');
  await expect(page.getByText('What you typed here before is back; it is not saved yet.')).toBeVisible();

  // Another page, then Back: still there.
  await page.getByRole('navigation').getByRole('link', { name: 'Today', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
  await page.goBack();
  await expect(form.field('Customer name')).toHaveValue('半路客户');
  await expect(form.field('Industry')).toHaveValue('制造');

  await form.save();
  await expect(page.getByRole('heading', { level: 1, name: '半路客户' })).toBeVisible();
  await page.goto('customers/new/');
  await expect(page.getByRole('heading', { level: 1, name: 'New customer' })).toBeVisible();
  await expect(form.field('Customer name')).toHaveValue('');
  await expect(page.getByText('What you typed here before is back')).toHaveCount(0);
});

test('an edit left unsaved opens again after a reload; Discard puts the profile back', async ({ page }) => {
  await importCustomers(page, [customer('a', '甲公司', [[10, 5]], { industry: '旧行业' })]);
  await page.goto('customer/?id=a');
  await page.getByRole('button', { name: 'Edit' }).click();
  const form = new ProfileForm(page);
  await form.fill('Industry', '新行业');
  await page.reload();
  await expect(form.field('Industry')).toHaveValue('新行业');
  await page.getByRole('button', { name: 'Discard it' }).click();
  await expect(form.field('Industry')).toHaveValue('旧行业');
  await page.reload();
  await expect(page.getByRole('button', { name: 'Edit' })).toBeVisible();
  await expect(form.form).toHaveCount(0);
});

test('a follow-up being typed survives a reload; the skip link stays on the page', async ({ page }) => {
  await importCustomers(page, [customer('a', '甲公司', [[10, 5]])]);
  await page.goto('followup/?customer=a');
  await page.getByLabel('Topics (1–2, comma-separated)').fill('续约');
  await page.getByLabel('What was said').fill('客户想要报价');
  await page.reload();
  await expect(page.getByLabel('Topics (1–2, comma-separated)')).toHaveValue('续约');
  await expect(page.getByLabel('What was said')).toHaveValue('客户想要报价');

  // The skip link: first Tab from the top of the page, then Enter.
  const url = page.url();
  await page.locator('body').evaluate((b) => b.focus());
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main')).toBeFocused();
  expect(page.url()).toBe(url);
  await expect(page.getByLabel('What was said')).toHaveValue('客户想要报价');
});

test('a to-do marks its due date as required and says what is missing under that field', async ({ page }) => {
  await importCustomers(page, [customer('a', '甲公司', [[10, 5]])]);
  await page.goto('followup/?customer=a');
  await page.getByRole('button', { name: '+ Add to-do' }).click();
  await page.locator('#fu-todo-0-text').fill('发报价');
  await expect(page.locator('#fu-todo-0-due')).toHaveAttribute('aria-required', 'true');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.locator('#fu-todo-0-due-error')).toHaveText('A to-do needs a due date');
  await expect(page.locator('#fu-todo-0-text-error')).toHaveText('');
  await expect(page.locator('#fu-todo-0-due')).toHaveAttribute('aria-invalid', 'true');
});

test('a message never covers the Save button and goes by itself', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('customers/new/');
  const form = new ProfileForm(page);
  await form.save();
  const toast = page.locator('.toast');
  await expect(toast).toBeVisible();
  const save = form.form.getByRole('button', { name: 'Save', exact: true });
  const hit = await save.evaluate((b) => {
    const r = b.getBoundingClientRect();
    const el = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return b.contains(el);
  });
  expect(hit, 'the centre of Save is Save, not a message over it').toBe(true);
  await expect(toast).toHaveCount(0, { timeout: 15_000 });
});

test('amounts name their unit and open a number keyboard', async ({ page }) => {
  await page.goto('customers/new/');
  const form = new ProfileForm(page);
  await form.form.getByRole('button', { name: '+ Add order' }).click();
  const amount = page.getByLabel('Amount (×10k CNY)');
  await expect(amount).toBeVisible();
  await expect(amount).toHaveAttribute('inputmode', 'decimal');
});

test('a back-dated first order makes no overdue onboarding; a new one does', async ({ page }) => {
  await importCustomers(page, [customer('old', '老客户', [[10, 5]])]);
  // Typed in today with its first deal 60 days ago: nothing of the onboarding is owed now.
  await page.goto('customers/new/');
  const form = new ProfileForm(page);
  await form.fill('Customer name', '补录客户');
  await form.addOrder({ date: day(-60), amount: '5' });
  await form.save();
  await expect(page.getByRole('heading', { level: 1, name: '补录客户' })).toBeVisible();
  // And one whose first deal is today: its thank-you letter is due tomorrow.
  await page.goto('customers/new/');
  await form.fill('Customer name', '新成交客户');
  await form.addOrder({ date: day(0), amount: '5' });
  await form.save();
  await expect(page.getByRole('heading', { level: 1, name: '新成交客户' })).toBeVisible();

  await page.getByRole('navigation').getByRole('link', { name: 'Today', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
  const onboarding = /first deal|day 7|day 30/;
  await expect(page.locator('.due-line', { hasText: '新成交客户' }).filter({ hasText: 'thank-you letter' })).toBeVisible();
  await expect(page.locator('.due-line', { hasText: '补录客户' }).filter({ hasText: onboarding })).toHaveCount(0);
  await expect(page.locator('.today-section.overdue .due-line', { hasText: '补录客户' })).toHaveCount(0);
});

// Passed alone on a build with logging, failed in the last full run without it (focus stayed
// on the nav link): the focus move is not reliable yet. Marked fixme, said in issue 22's note.
test('moving to another page puts focus on its heading, and a focused field is not under the Save bar', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('today/');
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
  await page.getByRole('navigation').getByRole('link', { name: 'Customers', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeFocused();

  await page.goto('customers/new/');
  const form = new ProfileForm(page);
  await form.form.getByRole('button', { name: '+ Add order' }).click();
  await new ProfileForm(page).row('order', 0, 'product').focus();
  // Back with the keyboard to the order's amount, down where the sticky Save bar sits.
  await page.keyboard.press('Shift+Tab');
  await expect(new ProfileForm(page).row('order', 0, 'amount')).toBeFocused();
  const clear = await new ProfileForm(page).row('order', 0, 'amount').evaluate((el) => {
    const field = el.getBoundingClientRect();
    const bar = document.querySelector('form.profile-form .form-actions').getBoundingClientRect();
    return field.bottom <= bar.top || field.top >= bar.bottom;
  });
  expect(clear, 'the focused field is clear of the Save bar').toBe(true);
});

test('small words: calendar months, a created profile is not a verified one, no internal preset number', async ({ page }) => {
  await importCustomers(page, [customer('a', '甲公司', [[10, 5]], { created_on: day(0) })]);
  await page.goto('dashboard/');
  await expect(page.locator('.dash-span')).toContainText('Last 12 calendar months');
  await page.goto('customer/?id=a');
  await expect(page.locator('.verification')).toContainText('Profile created');
  await expect(page.locator('.verification')).not.toContainText('Info verified');
  const list = new CustomersList(page);
  await list.open();
  await expect(list.row('甲公司')).toBeVisible();
  // Customers entered today: no quarterly review is due yet.
  await expect(page.locator('.notice', { hasText: 're-tier review is due' })).toHaveCount(0);
  // The pipeline does not ask a phone user to drag.
  await page.goto('pipeline/');
  await expect(page.locator('.board')).toBeVisible();
  await expect(page.getByText(/arrow buttons/).first()).toBeVisible();
  await expect(page.getByText(/^Drag a card/)).toHaveCount(0);
});

test('the profile says beside the badge why this tier, and what the next tier up still needs', async ({ page }) => {
  // 3 万 in two orders: D under 001; C needs 5 万.
  await importCustomers(page, [customer('d', '两单客户', [[30, 1], [60, 2]])]);
  await page.goto('customer/?id=d');
  const summary = page.locator('.summary-tier');
  await expect(summary.locator('.tier')).toHaveText('D');
  await expect(summary.locator('.summary-next-up')).toContainText('Why not higher:');
  await expect(summary.locator('.summary-next-up')).toContainText('12-month spend');
});

test('a tier under observation is said once: the current tier, the pending one and its date', async ({ page }) => {
  await importCustomers(page, [
    customer('p', '观察客户', [[100, 3], [20, 3]], {
      tiering: { preset: 'abcd001', current: 'D', since: day(-200), pending: { tier: 'C', since: day(-10) }, history: [] },
    }),
  ]);
  await page.goto('customer/?id=p');
  const summary = page.locator('.summary-tier');
  await expect(summary.locator('.tier')).toHaveText('D');
  await expect(summary.locator('.summary-reason')).toContainText('Now D · potential; C · ordinary pending, under observation until');
  await expect(page.locator('.tier-card .tier-explanation')).toContainText('Now D · potential; C · ordinary pending');
});

test('column headings sort, with aria-sort; spend starts with the largest', async ({ page }) => {
  await importCustomers(page, [
    customer('s', '小客户', [[10, 1]]),
    customer('b', '大客户', [[10, 30]]),
    customer('m', '中客户', [[10, 8]]),
  ]);
  const list = new CustomersList(page);
  await list.open();
  await expect(list.rows()).toHaveCount(3);
  const spend = page.locator('.customers-table thead th', { hasText: '12 months' });
  await expect(page.locator('.customers-table thead th', { hasText: 'Customer' })).toHaveAttribute('aria-sort', 'ascending');
  await expect(spend).not.toHaveAttribute('aria-sort', /./);
  await spend.getByRole('button').click();
  await expect(spend).toHaveAttribute('aria-sort', 'descending');
  await expect(list.rows().first()).toContainText('大客户');
  await expect(list.rows().last()).toContainText('小客户');
  await spend.getByRole('button').click();
  await expect(spend).toHaveAttribute('aria-sort', 'ascending');
  await expect(list.rows().first()).toContainText('小客户');
});

test('Settings has sections to jump to, and import is reached from Customers', async ({ page }) => {
  await importCustomers(page, [customer('a', '甲公司', [[10, 5]])]);
  const list = new CustomersList(page);
  await list.open();
  await page.getByRole('link', { name: 'Import…' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Import' })).toBeFocused();
  await expect(page.getByRole('heading', { level: 2, name: 'Import' })).toBeInViewport();
  const sections = page.getByRole('navigation', { name: 'Sections of this page' });
  await expect(sections).toBeInViewport();
  const url = page.url();
  await sections.getByRole('link', { name: 'Contact cadence' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Contact cadence' })).toBeFocused();
  await expect(sections).toBeInViewport();
  await sections.getByRole('link', { name: 'Backup and restore' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Backup and restore' })).toBeInViewport();
  expect(page.url()).toBe(url);
});

test.describe('a long name on a phone', () => {
  test.use(phone);
  test('wraps, and leaves tier and health on the screen', async ({ page }) => {
    const long = '超长名称的客户'.repeat(11) + '有限公司';
    await importCustomers(page, [customer('l', long, [[10, 5]])]);
    const list = new CustomersList(page);
    await list.open();
    const row = list.rows().first();
    await expect(row).toBeVisible();
    const right = await row.locator('.health').evaluate((el) => el.getBoundingClientRect().right);
    expect(right).toBeLessThanOrEqual(390);
    await expect(row.getByRole('link')).toHaveAttribute('title', long);
  });
});
