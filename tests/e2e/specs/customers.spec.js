// Customer profiles (客户档案): create, validate, edit, delete with Undo, two tabs.
'use strict';
const { test, expect } = require('../fixtures/test');
const { ProfileForm, CustomersList } = require('../fixtures/customer-pages');
const { importCustomers } = require('../fixtures/data');

/** A date `days` from today, as a date input takes it. */
function day(days) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

async function createCustomer(page, { name, contact, orders = [] }) {
  await page.goto('customers/new/');
  const form = new ProfileForm(page);
  await form.fill('Customer name', name);
  if (contact) await form.addContact(contact);
  for (const order of orders) await form.addOrder(order);
  await form.save();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test('a customer created with a contact and two orders is there after a reload', async ({ page }) => {
  const list = new CustomersList(page);
  await list.open();
  await expect(page.getByText('No customer profiles yet')).toBeVisible();
  await page.getByRole('link', { name: 'New customer' }).click();

  const form = new ProfileForm(page);
  await form.fill('Customer name', '科技公司');
  await form.fill('Industry', '科技');
  await form.fill('Owner', '王经理');
  await form.addContact({ name: '张经理', title: '采购经理', phone: '138 0000 0000', role: 'Decision maker' });
  await form.addOrder({ date: day(-30), amount: '45', product: '定制方案' });
  await form.addOrder({ date: day(-200), amount: '40.5' });
  await form.save();

  // The profile shows the derived figures.
  await expect(page.getByRole('heading', { level: 1, name: '科技公司' })).toBeVisible();
  const figures = page.locator('dl.figures');
  await expect(figures.getByText('85.5 ×10k CNY').first()).toBeVisible();
  await expect(page.getByText('张经理')).toBeVisible();

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: '科技公司' })).toBeVisible();
  await expect(page.locator('table.orders tbody tr')).toHaveCount(2);

  await list.open();
  const row = list.row('科技公司');
  await expect(row).toContainText('85.5 ×10k CNY');
  await expect(row).toContainText('王经理');
  await expect(row.locator('td').nth(6)).toHaveText('2'); // orders in the last 12 months
});

test('invalid fields are named, nothing is saved, and nothing typed is lost', async ({ page }) => {
  await page.goto('customers/new/');
  const form = new ProfileForm(page);
  await form.fill('Industry', '制造');
  await form.addOrder({ date: day(-10), amount: '-3' });
  await form.addOrder({ date: day(3), amount: '5' });
  await form.addScore({ date: day(-1), score: '11' });
  await form.save();

  await expect(form.error('pf-name')).toHaveText('is required');
  await expect(form.rowError('order', 0, 'amount')).toHaveText('must be ≥ 0');
  await expect(form.rowError('order', 1, 'date')).toHaveText('cannot be after today');
  await expect(form.rowError('score', 0, 'score')).toHaveText('must be between 0 and 10');
  await expect(page.getByText('Some fields need fixing; nothing was saved.').first()).toBeVisible();
  // Focus moved to the first problem, and everything typed is still there.
  await expect(form.field('Customer name')).toBeFocused();
  await expect(form.field('Industry')).toHaveValue('制造');
  await expect(new ProfileForm(page).row('order', 0, 'amount')).toHaveValue('-3');

  // Fixing the fields clears the messages and saves.
  await form.fill('Customer name', 'ZZ制造厂');
  await new ProfileForm(page).row('order', 0, 'amount').fill('3');
  await new ProfileForm(page).row('order', 1, 'date').fill(day(-3));
  await new ProfileForm(page).row('score', 0, 'score').fill('8');
  await expect(form.error('pf-name')).toHaveText('');
  await form.save();
  await expect(page.getByRole('heading', { level: 1, name: 'ZZ制造厂' })).toBeVisible();

  // Nothing half-saved earlier: exactly one customer exists.
  const list = new CustomersList(page);
  await list.open();
  await expect(list.rows()).toHaveCount(1);
});

test('editing in place keeps the profile, and a delete can be undone with everything attached', async ({ page }) => {
  await createCustomer(page, {
    name: 'YY贸易公司',
    contact: { name: '刘总监' },
    orders: [{ date: day(-40), amount: '20' }, { date: day(-130), amount: '15' }],
  });
  await page.getByRole('button', { name: 'Edit' }).click();
  const form = new ProfileForm(page);
  await expect(form.field('Customer name')).toHaveValue('YY贸易公司');
  await form.fill('Lead source', '展会');
  await form.save();
  await expect(page.locator('dl.details').first()).toContainText('展会');

  await page.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('YY贸易公司');
  await expect(dialog).toContainText('2 orders');
  await dialog.getByRole('button', { name: 'Delete' }).click();

  const list = new CustomersList(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  await expect(page.getByText('Deleted “YY贸易公司”')).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(list.row('YY贸易公司')).toContainText('35 ×10k CNY');

  // Restored for real: it survives a reload with its orders and edits.
  await page.reload();
  await list.openCustomer('YY贸易公司');
  await expect(page.locator('table.orders tbody tr')).toHaveCount(2);
  await expect(page.locator('dl.details').first()).toContainText('展会');
});

test('search, filter and sort the customer list', async ({ page }) => {
  await createCustomer(page, { name: 'Alpha Motors', contact: { name: 'Zhang San' }, orders: [{ date: day(-5), amount: '800' }] });
  await createCustomer(page, { name: '科技公司', orders: [{ date: day(-5), amount: '85' }] });
  await createCustomer(page, { name: '小型贸易公司', orders: [{ date: day(-5), amount: '50' }] });
  const list = new CustomersList(page);
  await list.open();
  await expect(list.rows()).toHaveCount(3);

  await list.search.fill('zhang'); // a contact, in Latin, case-insensitive
  await expect(list.rows()).toHaveCount(1);
  await expect(list.rows().first()).toContainText('Alpha Motors');
  await list.search.fill('贸易');
  await expect(list.rows()).toHaveCount(1);
  await expect(list.rows().first()).toContainText('小型贸易公司');
  await list.search.fill('ＡＬＰＨＡ'); // full-width input finds the same
  await expect(list.rows()).toHaveCount(1);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(list.rows()).toHaveCount(3);

  await page.getByLabel('Sort by').selectOption({ label: 'Spend, last 12 months' });
  await page.getByLabel('Descending').check();
  await expect(list.rows().first()).toContainText('Alpha Motors');
  await expect(list.rows().last()).toContainText('小型贸易公司');
});

test('a long list is drawn fifty rows at a time, and a search starts from the top', async ({ page }) => {
  const many = Array.from({ length: 55 }, (_, i) => ({ id: `c${i}`, name: `客户${String(i).padStart(2, '0')}`, orders: [] }));
  await importCustomers(page, many);
  const list = new CustomersList(page);
  await list.open();
  await expect(list.rows()).toHaveCount(50);
  await page.getByRole('button', { name: 'Show more (5)' }).click();
  await expect(list.rows()).toHaveCount(55);
  await expect(page.getByRole('button', { name: /Show more/ })).toHaveCount(0);
  await list.search.fill('客户1');
  await expect(list.rows()).toHaveCount(10);
  await expect(list.rows().first()).toContainText('客户10');
});

test('two tabs editing the same customer cannot overwrite each other', async ({ page, context }) => {
  await createCustomer(page, { name: '共享客户' });
  const url = page.url();
  const other = await context.newPage();
  await other.goto(url);
  await expect(other.getByRole('heading', { level: 1, name: '共享客户' })).toBeVisible();

  // Both open the editor on the same version.
  await page.getByRole('button', { name: 'Edit' }).click();
  await other.getByRole('button', { name: 'Edit' }).click();
  const formA = new ProfileForm(page);
  const formB = new ProfileForm(other);
  await formB.fill('Industry', '汽车');
  await formB.save();
  await expect(other.locator('dl.details').first()).toContainText('汽车');

  await formA.fill('Owner', '王经理');
  await formA.save();
  await expect(page.getByRole('alert').filter({ hasText: 'changed in another tab' })).toBeVisible();
  await expect(formA.field('Owner')).toHaveValue('王经理');

  // Loading the latest shows B's edit; then A's edit goes on top of it.
  await page.getByRole('button', { name: 'Load latest version' }).click();
  await expect(formA.field('Industry')).toHaveValue('汽车');
  await formA.fill('Owner', '王经理');
  await formA.save();
  await expect(page.locator('dl.details').first()).toContainText('汽车');
  await expect(page.locator('dl.details').first()).toContainText('王经理');

  // The other tab hears about the change and shows it without a reload.
  await expect(other.locator('dl.details').first()).toContainText('王经理');
});
