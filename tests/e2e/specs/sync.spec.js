// Sync (docs/sync.md): two browser contexts are two devices, set up through Settings → Sync
// against pouchdb-server on 127.0.0.1 (started by playwright.config.js, tests/e2e/couch).
'use strict';
const { test, expect } = require('../fixtures/test');
const { ProfileForm, CustomersList } = require('../fixtures/customer-pages');

const COUCH = `http://127.0.0.1:${process.env.E2E_COUCH_PORT || 5991}`;
const AUTH = 'Basic ' + Buffer.from('admin:admin-pass').toString('base64');

async function couch(path, init = {}) {
  const res = await fetch(`${COUCH}/${path}`, { ...init, headers: { Authorization: AUTH, 'Content-Type': 'application/json' } });
  return res.json();
}

/** Fills Settings → Sync; `then` is the button pressed after. */
async function setUp(page, db, { passphrase = 'one passphrase for all', name = 'Alice' } = {}) {
  await page.goto('settings/?section=sync');
  const sync = page.locator('#sync');
  await sync.getByLabel('Database address').fill(`${COUCH}/${db}`);
  await sync.getByLabel('User name').fill('admin');
  await sync.getByLabel('Password', { exact: true }).fill('admin-pass');
  await sync.getByLabel('Sync passphrase').fill(passphrase);
  await sync.getByLabel('Your name (a team sees who changed what)').fill(name);
  return sync;
}

async function createCustomer(page, name) {
  await page.goto('customers/new/');
  const form = new ProfileForm(page);
  await form.fill('Customer name', name);
  await form.addContact({ name: '王芳', phone: '13811112222' });
  await form.save();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

async function edit(page, customer, label, value) {
  const list = new CustomersList(page);
  await list.open();
  await list.openCustomer(customer);
  await page.getByRole('button', { name: 'Edit' }).click();
  const form = new ProfileForm(page);
  await form.fill(label, value);
  await form.save();
  await expect(page.locator('dl.details').first()).toContainText(value);
}

/** A second device: its own browser context, with the same console check as `page`. */
async function device(browser, baseURL) {
  const context = await browser.newContext({ baseURL, hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource|ERR_INTERNET_DISCONNECTED|net::ERR/.test(m.text())) errors.push(m.text());
  });
  return { context, page, errors };
}

// Two devices, a real server and waits for each other's syncs.
test.describe.configure({ timeout: 120_000 });

test.use({ expectedConsoleErrors: [/Failed to load resource|net::ERR_INTERNET_DISCONNECTED|net::ERR_/] });

test('a customer made on one device appears on another; offline edits on both merge; the server holds no plaintext', async ({ page, browser, baseURL }) => {
  const db = `e2e${Date.now()}`;
  // Device A: the database does not exist yet; the connection test says so and offers to create it.
  let sync = await setUp(page, db);
  await sync.getByRole('button', { name: 'Test connection' }).click();
  await expect(sync.getByRole('alert')).toContainText('The server has no such database');
  await sync.getByRole('button', { name: 'Create this database' }).click();
  await expect(sync.getByText('Connected; the passphrase is right.')).toBeVisible();
  await sync.getByRole('button', { name: 'Turn sync on' }).click();
  await expect(page.getByTestId('sync-status')).toContainText('Synced');
  await createCustomer(page, '华信科技');

  // Device B, on a phone: set up through the same page, it receives the customer.
  const b = await device(browser, baseURL);
  sync = await setUp(b.page, db, { name: 'Bob' });
  await sync.getByRole('button', { name: 'Turn sync on' }).tap();
  await expect(b.page.getByTestId('sync-status')).toContainText('Synced');
  const listB = new CustomersList(b.page);
  await expect.poll(async () => { await listB.open(); return listB.rows().count(); }, { timeout: 20_000 }).toBe(1);

  // Both offline, each edits another field of the same customer, and both the owner (B later).
  await page.context().setOffline(true);
  await b.context.setOffline(true);
  await edit(page, '华信科技', 'Industry', '制造业');
  await edit(b.page, '华信科技', 'Lead source', '展会');
  await edit(page, '华信科技', 'Owner', '张三');
  await edit(b.page, '华信科技', 'Owner', '李四');
  await expect(page.getByTestId('sync-status')).toContainText('Offline');
  // A comes back first and sends its edits; B then merges them with its own.
  await page.context().setOffline(false);
  await expect(page.getByTestId('sync-status')).toContainText('Synced', { timeout: 20_000 });
  await b.context.setOffline(false);
  for (const p of [page, b.page]) {
    await expect.poll(async () => {
      const list = new CustomersList(p);
      await list.open();
      await list.openCustomer('华信科技');
      return p.locator('dl.details').first().innerText();
    }, { timeout: 60_000 }).toMatch(/制造业[\s\S]*展会[\s\S]*李四/);
  }
  // B's profile says the owner was merged with A's change, keeps A's value visible, and who.
  const notes = b.page.getByTestId('sync-notes');
  await expect(notes).toContainText('Merged with a change from another device');
  await expect(notes).toContainText('Owner: the later change was kept; the other value (Alice,');
  await expect(notes.locator('q.set-aside')).toHaveText('张三');
  await expect(notes).toContainText('The version in sync: by Bob');
  // A took B's merge as it was: nothing set aside there, and it names Bob.
  await expect.poll(async () => {
    await page.reload();
    return page.getByTestId('sync-notes').innerText();
  }, { timeout: 20_000 }).toContain('The version in sync: by Bob');
  await expect(page.getByTestId('sync-notes')).not.toContainText('Merged');

  // A team's lists say who made what: B logs a follow-up; A's profile names Bob beside it.
  const listB2 = new CustomersList(b.page);
  await listB2.open();
  await listB2.openCustomer('华信科技');
  await b.page.getByRole('link', { name: 'Log a follow-up' }).tap();
  await b.page.getByLabel('What was said').fill('约定下周回访');
  await b.page.getByRole('button', { name: 'Save' }).tap();
  await expect(b.page.getByText('Follow-up saved')).toBeVisible();
  await expect.poll(async () => {
    await page.reload();
    return page.locator('.followup-list').innerText();
  }, { timeout: 20_000 }).toContain('约定下周回访');
  // Authors are read through sync's runner, which this reloaded page starts after drawing.
  await expect(page.locator('.followup-list .made-by').first()).toHaveText(' · by Bob', { timeout: 15_000 });
  // So does the to-do the follow-up opened ("update the profile"), made on Bob's device too.
  await expect(page.locator('.followup-list .todo .made-by').first()).toHaveText(' · by Bob');

  // And a planned touch Bob changed (a topic for a later one) names him on Alice's plan page.
  const id = new URL(b.page.url()).searchParams.get('id');
  await b.page.goto(`plan/?customer=${id}`);
  const rowsB = b.page.locator('.year-plan > tbody > tr:not(.edit-row)');
  await rowsB.nth(2).getByRole('button', { name: 'Edit' }).tap();
  await b.page.locator('.edit-row form').getByLabel('Topics (1–2, comma-separated)').fill('续约方案');
  await b.page.locator('.edit-row form').getByRole('button', { name: 'Save' }).tap();
  await expect(rowsB.filter({ hasText: '续约方案' })).toHaveCount(1);
  await page.goto(`plan/?customer=${id}`);
  await expect(page.locator('.year-plan > tbody > tr').filter({ hasText: '续约方案' }).locator('.made-by'))
    .toHaveText(' · by Bob', { timeout: 20_000 });

  const all = JSON.stringify(await couch(`${db}/_all_docs?include_docs=true`));
  for (const plain of ['华信', '13811112222', '王芳', '制造业', '展会', '约定下周回访', '续约方案', 'customer']) {
    expect(all, `${plain} on the server`).not.toContain(plain);
  }
  expect(b.errors).toEqual([]);
  await b.context.close();
});

test('a wrong passphrase on a second device is refused and nothing is written', async ({ page, browser, baseURL }) => {
  const db = `e2e${Date.now()}w`;
  let sync = await setUp(page, db);
  await sync.getByRole('button', { name: 'Test connection' }).click();
  await sync.getByRole('button', { name: 'Create this database' }).click();
  await sync.getByRole('button', { name: 'Turn sync on' }).click();
  await expect(page.getByTestId('sync-status')).toContainText('Synced');
  await createCustomer(page, '远航物流');
  await expect(page.getByTestId('sync-status')).toContainText('Synced', { timeout: 15_000 });
  const ids = async () => (await couch(`${db}/_all_docs`)).rows.map((r) => r.id).sort();
  await expect.poll(async () => (await ids()).length, { timeout: 15_000 }).toBe(2); // the key check and the customer
  const before = await ids();

  const b = await device(browser, baseURL);
  await createCustomer(b.page, '本机客户');
  sync = await setUp(b.page, db, { passphrase: 'another passphrase' });
  await sync.getByRole('button', { name: 'Turn sync on' }).tap();
  await expect(sync.getByRole('alert')).toContainText('set up with another sync passphrase');
  expect(await ids(), 'no document of the second device reached the server').toEqual(before);
  const list = new CustomersList(b.page);
  await list.open();
  await expect(list.rows()).toHaveCount(1);
  await expect(b.page.getByTestId('sync-status')).toHaveCount(0);
  expect(b.errors).toEqual([]);
  await b.context.close();
});
