// Follow-ups (跟进记录) and their closed loop, the brief, and the seeds' templates.
'use strict';
const { test, expect } = require('../fixtures/test');
const { importCustomers, backup } = require('../fixtures/data');
const { editInAnotherTab, SettingsPage } = require('../fixtures/customer-pages');

const WAN = 1_000_000;

test.beforeEach(async ({ page }) => {
  await page.clock.install({ time: new Date('2026-03-02T12:00:00') });
});

const tech = {
  id: 'tech',
  name: '科技公司',
  owner: '王经理',
  industry: '新能源',
  strategy: { industry_leader: true },
  contacts: [{ name: '张经理', title: '采购经理', phone: '13800000000' }],
  created_on: '2023-01-01',
  orders: [
    { id: 'o0', date: '2023-01-05', amount_fen: 0 },
    { id: 'o1', date: '2026-01-05', amount_fen: 45 * WAN, product: '定制方案' },
    { id: 'o2', date: '2025-06-05', amount_fen: 40 * WAN },
  ],
};

test('a follow-up logged from Today with two to-dos moves the cadence, plans its next step, and closes its loop', async ({ page }) => {
  await importCustomers(page, [tech]);
  await page.goto('today/');
  const visit = page.locator('.due-line').filter({ hasText: 'Executive visit' });
  await expect(visit).toContainText('A · monthly · never contacted');
  await expect(page.locator('.due-line').filter({ hasText: '科技公司 · Call' })).toBeVisible();
  await visit.getByRole('link', { name: 'Full record' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Log a follow-up' })).toBeVisible();
  await expect(page.getByLabel('Channel', { exact: true })).toHaveValue('3'); // executive visit
  await page.getByLabel('Topics (1–2, comma-separated)').fill('新能源产线, 年度框架');
  await page.getByLabel('What was said').fill('沟通新能源产线扩建计划');
  await page.getByLabel("Customer's feedback").fill('很满意');
  await page.getByLabel('Satisfaction (0–10, optional)').fill('9');
  await page.getByLabel('Needs discovered (one per line)').fill('新能源产线扩建\n降本方案');
  for (const [i, text] of ['发送报价单', '安排试点'].entries()) {
    await page.getByRole('button', { name: '+ Add to-do' }).click();
    await page.locator(`#fu-todo-${i}-text`).fill(text);
    await page.locator(`#fu-todo-${i}-due`).fill('2026-03-06');
  }
  await page.getByLabel('Next step on').fill('2026-03-20');
  await page.getByLabel('Next step topics').fill('方案评审');
  await page.getByRole('button', { name: 'Save', exact: true }).click();

  // Back on Today: the executive visit is no longer due, nor the call it counts as too (a visit
  // is also a conversation). Today says it has nothing only once it has read the data, so the
  // visit's absence is not a page still loading.
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
  await expect(page.locator('.page-today .empty-state')).toHaveText('Nobody to contact today. Touches due by the cadence appear here.');
  await expect(page.locator('.due-line').filter({ hasText: 'Executive visit' })).toHaveCount(0);

  // The next step is on the plan on its exact date: it is the next executive visit (the
  // cadence would have said 2026-04-02), and the ones after follow a month apart.
  await page.goto('plan/?customer=tech');
  const rows = page.locator('.year-plan > tbody > tr:not(.edit-row)');
  const visits = rows.filter({ hasText: 'Executive visit' });
  await expect(visits.first()).toContainText('2026-03-20');
  await expect(visits.first()).toContainText('方案评审');
  await expect(visits.nth(1)).toContainText('2026-04-20');

  // On the profile: the loop is open; the score became a satisfaction entry.
  await page.goto('customer/?id=tech');
  const item = page.locator('.followup').first();
  await expect(item.locator('.chip').first()).toHaveText('Open');
  await expect(page.locator('table.plain').filter({ hasText: 'Feedback (0–10)' })).toContainText('9');
  const quote = item.locator('.todo').filter({ hasText: '发送报价单' });
  await quote.getByRole('button', { name: 'Close' }).click();
  await quote.getByLabel('Result').fill('已发送');
  await quote.getByRole('button', { name: 'Close' }).click();
  await expect(item.locator('.todo').filter({ hasText: '发送报价单' })).toContainText('Done');
  await expect(item.locator('.chip').first()).toHaveText('Open');

  // The rest are closed from the to-do list: the loop closes.
  await page.goto('todos/');
  for (const text of ['安排试点', 'Update the profile from this follow-up']) {
    const todo = page.locator('.todo').filter({ hasText: text });
    await todo.getByRole('button', { name: 'Close' }).click();
    await todo.getByRole('button', { name: 'Close' }).click();
    await expect(todo).toContainText('Done');
  }
  await page.goto('customer/?id=tech');
  await expect(page.locator('.followup').first().locator('.chip').first()).toHaveText('Closed');
});

test('what is typed into a follow-up stays when the customer changes meanwhile', async ({ page }) => {
  // Nothing on the form shows the customer's industry, so the form cannot show that the re-read
  // has landed: this tab's full reads of the data (customers, follow-ups, plans, to-dos in one
  // transaction) are noted, with the customers they found, once each transaction is over.
  await page.addInitScript(() => {
    window.customersRead = [];
    const getAll = IDBObjectStore.prototype.getAll;
    IDBObjectStore.prototype.getAll = function (...args) {
      const request = getAll.apply(this, args);
      const tx = this.transaction;
      if (this.name === 'customers' && tx.objectStoreNames.contains('todos')) {
        request.addEventListener('success', () => {
          const found = JSON.stringify(request.result);
          tx.addEventListener('complete', () => window.customersRead.push(found));
        });
      }
      return request;
    };
  });
  await importCustomers(page, [tech]);
  await page.goto('followup/?customer=tech&kind=visit');
  await page.getByLabel('Date').fill('2026-02-20');
  await page.getByLabel('What was said').fill('沟通扩建计划');

  // A save in another tab changes the customer this form was built for; this tab hears of it
  // (the app's channel) and reads the records again.
  const other = await editInAnotherTab(page, 'customer/?id=tech', { Industry: '汽车' });
  await expect(other.locator('dl.details').first()).toContainText('汽车');
  await expect
    .poll(() => page.evaluate(() => window.customersRead.some((found) => found.includes('汽车'))), {
      message: 'this tab read the other tab\'s change',
    })
    .toBe(true);
  // The records it read are set and drawn within the same turn; a frame later the form would
  // have been rebuilt if it were (today's date and an empty text).
  await page.evaluate(() => new Promise((drawn) => requestAnimationFrame(() => setTimeout(drawn))));

  await expect(page.getByLabel('Date')).toHaveValue('2026-02-20');
  await expect(page.getByLabel('What was said')).toHaveValue('沟通扩建计划');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Follow-up saved')).toBeVisible();
  // Back on the profile in this tab (not reloaded): it shows the other tab's change, which the
  // follow-up's save did not write over.
  await expect(page.getByRole('heading', { level: 1, name: '科技公司' })).toBeVisible();
  await expect(page.locator('dl.details').first()).toContainText('汽车');
  await page.goto('customer/?id=tech');
  await expect(page.locator('.followup-list')).toContainText('2026-02-20');
});

test('the brief prints on one clean page, without the navigation', async ({ page }) => {
  await importCustomers(page, [tech]);
  await page.goto('brief/?customer=tech');
  await expect(page.getByRole('heading', { level: 2, name: '科技公司' })).toBeVisible();
  await expect(page.locator('.brief')).toContainText('A · core');
  await expect(page.locator('.brief')).toContainText('定制方案');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation')).toBeHidden();
  await expect(page.locator('.app-header')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
  await expect(page.locator('.brief')).toBeVisible();
});

test('a thank-you letter carries the customer, its contact and the first-deal date; wording can be kept', async ({ page }) => {
  await importCustomers(page, [tech]);
  await page.goto('customer/?id=tech');
  await page.getByRole('link', { name: 'Thank-you letter' }).click();
  const text = page.locator('.template-output');
  await expect(text).toHaveValue(/Dear 张经理,/);
  await expect(text).toHaveValue(/since 2023-01-05/);
  await expect(text).toHaveValue(/科技公司/);
  await page.getByRole('button', { name: '中文' }).click();
  await expect(text).toHaveValue(/感谢科技公司于2023-01-05选择与我们合作/);

  // Change the wording and keep it: it comes back on the next visit.
  await page.locator('.wording summary').click();
  await page.locator('.wording textarea').fill('{contact}您好：感谢{customer}！');
  await page.getByRole('button', { name: '保存为我的模板措辞' }).click();
  await expect(page.getByText('设置已保存')).toBeVisible();
  await page.reload();
  await expect(text).toHaveValue('张经理您好：感谢科技公司！');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(text).toHaveValue(/Dear 张经理,/);
});

test('a to-do being closed keeps what was typed when its status changes under it (past midnight)', async ({ page }) => {
  // A to-do due today, written as a backup (todos travel with it).
  const s = new SettingsPage(page);
  await s.open();
  const file = JSON.parse(backup([{ id: 'tech', name: '科技公司', orders: [], created_on: '2025-01-01' }]));
  file.todos = [{ id: 't-1', followup_id: '', customer_id: 'tech', text: '寄样品', owner: '王经理', due_on: '2026-03-02', result: '', profile_update: false }];
  await s.chooseFile({ name: 'seed.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await page.getByRole('button', { name: 'Import now' }).click();
  await expect(page.getByText('Import done: 1 customers written.')).toBeVisible();

  await page.goto('todos/');
  const todo = page.locator('.todo').filter({ hasText: '寄样品' });
  await expect(todo.locator('.todo-status')).toHaveText('Due today');
  await todo.getByRole('button', { name: 'Close' }).click();
  await todo.getByLabel('Result').fill('已寄出，顺丰');

  // The page stays open past midnight: the app moves to the next day and the to-do is late.
  await page.clock.fastForward('13:00:00');
  await expect(todo.locator('.todo-status')).toHaveText('Overdue');
  await expect(todo.getByLabel('Result')).toHaveValue('已寄出，顺丰');
  await todo.getByRole('button', { name: 'Close' }).click();
  await expect(todo.locator('.todo-status')).toHaveText('Done');
  await expect(todo).toContainText('已寄出，顺丰');
});
