// Issue 23: lists keyed by their record's id. A row stays the same element while its record
// changes (what it shows follows), so what a person has open or focused in it stays; each test
// marks the row's element and checks the mark survives (a list keyed by the whole value, or a
// row editor keyed by its place, drew a new element and the mark was gone).
'use strict';
const { test, expect } = require('../fixtures/test');
const { ProfileForm, SettingsPage, editInAnotherTab } = require('../fixtures/customer-pages');
const { backup, importCustomers } = require('../fixtures/data');

const mark = (locator) => locator.evaluate((el) => { el.dataset.e2eMark = 'kept'; });
const marked = (locator) => locator.evaluate((el) => el.dataset.e2eMark === 'kept');

test('a pipeline card follows its customer without being drawn again', async ({ page }) => {
  await importCustomers(page, [{ id: 'aa', name: 'AA集团', owner: '赵经理', orders: [] }]);
  await page.goto('pipeline/');
  const card = page.locator('.card-item').filter({ hasText: 'AA集团' });
  await expect(card).toContainText('赵经理');
  await mark(card);

  const other = await editInAnotherTab(page, 'customer/?id=aa', { Owner: '钱经理' });
  await expect(card).toContainText('钱经理');
  await expect(card).not.toContainText('赵经理');
  expect(await marked(card)).toBe(true);
  await other.close();
});

test('a follow-up asking to be deleted still asks when its loop closes under it', async ({ page }) => {
  const data = JSON.parse(backup([{ id: 'tech', name: '科技公司', orders: [], created_on: '2025-01-01' }]));
  data.followups = [{ id: 'f-1', customer_id: 'tech', date: '2026-02-20', kind: 'call', note: '谈了试点' }];
  data.todos = [{ id: 't-1', followup_id: 'f-1', customer_id: 'tech', text: '寄样品', owner: '', due_on: '2026-03-05', result: '', profile_update: false }];
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.chooseFile({ name: 'seed.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(data)) });
  await page.getByRole('button', { name: 'Import now' }).click();
  await expect(page.getByText('Import done: 1 customers written.')).toBeVisible();

  await page.goto('customer/?id=tech');
  const item = page.locator('.followup').filter({ hasText: '谈了试点' });
  await expect(item.locator('.chip').first()).toHaveText('Open');
  await item.getByRole('button', { name: 'Delete' }).click();
  const ask = item.getByRole('alertdialog');
  await expect(ask).toContainText('Delete this follow-up');

  // Its last to-do closed: the loop is closed, the row says so, and the question stays open.
  const todo = item.locator('.todo').filter({ hasText: '寄样品' });
  await todo.getByRole('button', { name: 'Close' }).click();
  await todo.getByLabel('Result').fill('已寄出');
  await todo.getByRole('button', { name: 'Close' }).click();
  await expect(item.locator('.chip').first()).toHaveText('Closed');
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(ask).toHaveCount(0);
  await expect(item).toContainText('谈了试点');
});

test('adding or removing a contact row leaves the other rows as they are', async ({ page }) => {
  await page.goto('customers/new/');
  const form = new ProfileForm(page);
  const names = form.form.locator('[id^="pf-contact-"][id$="-name"]');
  const rows = form.form.locator('.row-card').filter({ has: page.locator('[id^="pf-contact-"]') });
  await form.fill('Customer name', '键控客户');
  await form.addContact({ name: '张经理', phone: '13800000000' });
  await form.addContact({ name: '李总' });
  await form.addContact({ name: '王工', phone: '13900000000' });
  await expect(names).toHaveCount(3);
  const second = form.row('contact', 1, 'name');
  const third = form.row('contact', 2, 'name');
  await mark(second);
  await mark(third);

  // The first row removed: the others move up, the same fields with what was typed in them.
  await rows.nth(0).getByRole('button', { name: 'Remove' }).click();
  await expect(names).toHaveCount(2);
  await expect(form.row('contact', 0, 'name')).toHaveValue('李总');
  await expect(form.row('contact', 1, 'name')).toHaveValue('王工');
  await expect(form.row('contact', 1, 'phone')).toHaveValue('13900000000');
  expect(await marked(form.row('contact', 0, 'name'))).toBe(true);
  expect(await marked(form.row('contact', 1, 'name'))).toBe(true);

  // A row added: the others stay.
  await form.form.getByRole('button', { name: '+ Add contact' }).click();
  await expect(names).toHaveCount(3);
  expect(await marked(form.row('contact', 1, 'name'))).toBe(true);
  await form.row('contact', 2, 'name').fill('赵总');

  // A mistake is named under the row it is in, after rows before it went.
  await form.row('contact', 2, 'email').fill('not-an-email');
  await rows.nth(0).getByRole('button', { name: 'Remove' }).click();
  await expect(names).toHaveCount(2);
  await form.form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(form.rowError('contact', 1, 'email')).not.toBeEmpty();
  await expect(form.rowError('contact', 0, 'email')).toBeEmpty();
  await form.row('contact', 1, 'email').fill('zhao@example.com');

  await form.save();
  await expect(page.getByRole('heading', { level: 1, name: '键控客户' })).toBeVisible();
  await expect(page.locator('.contacts')).toContainText('王工');
  await expect(page.locator('.contacts')).toContainText('赵总');
  await expect(page.locator('.contacts')).not.toContainText('李总');
  await expect(page.locator('.contacts')).not.toContainText('张经理');
});
