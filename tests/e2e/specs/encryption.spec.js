// Encryption: backups sealed with a passphrase, and contact details encrypted at rest.
'use strict';
const { test, expect } = require('../fixtures/test');
const { ProfileForm, CustomersList, SettingsPage, wipeBrowserData } = require('../fixtures/customer-pages');

const PHONE = '13812345678';
const PASS = 'correct horse battery';

async function seed(page) {
  await page.goto('customers/new/');
  const form = new ProfileForm(page);
  await form.fill('Customer name', '科技公司 🚀');
  await form.fill('Industry', '新能源');
  await form.addContact({ name: '张经理', title: '采购经理', phone: PHONE, role: 'Decision maker' });
  await form.save();
  await expect(page.getByRole('heading', { level: 1, name: '科技公司 🚀' })).toBeVisible();
  // The app gives a new customer its first tier in a write of its own, just after the save;
  // a backup taken before it lands would differ from one taken after (seen on a busy machine).
  await expect.poll(async () => JSON.parse(await rawCustomers(page))[0]?.tiering?.current ?? null).not.toBeNull();
}

/** The customers store exactly as IndexedDB holds it, as JSON text. */
async function rawCustomers(page) {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const req = indexedDB.open('kehu-weihu');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const all = db.transaction('customers').objectStore('customers').getAll();
          all.onerror = () => reject(all.error);
          all.onsuccess = () => {
            db.close();
            resolve(JSON.stringify(all.result));
          };
        };
      }),
  );
}

async function download(page, click) {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const chunks = [];
  for await (const chunk of await file.createReadStream()) chunks.push(chunk);
  return { name: file.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
}

test('an encrypted backup: a wrong passphrase writes nothing, the right one brings back identical data', async ({ page }) => {
  await seed(page);
  const settings = new SettingsPage(page);
  await settings.open();
  const plain = await settings.exportBackup();

  const backup = page.locator('#backup');
  await backup.getByLabel('Encrypt the backup file with a passphrase').check();
  await backup.getByLabel('Passphrase', { exact: true }).fill('short');
  await backup.getByLabel('Repeat the passphrase').fill('short');
  await backup.getByRole('button', { name: 'Export backup (JSON)' }).click();
  await expect(backup.getByRole('alert')).toHaveText('The passphrase needs at least 8 characters.');
  await backup.getByLabel('Passphrase', { exact: true }).fill(PASS);
  await backup.getByLabel('Repeat the passphrase').fill(PASS);
  const sealed = await download(page, () => backup.getByRole('button', { name: 'Export backup (JSON)' }).click());
  expect(sealed.name).toMatch(/^customers-\d{4}-\d{2}-\d{2}\.encrypted\.json$/);
  const envelope = JSON.parse(sealed.text);
  expect(envelope).toMatchObject({
    format: 'kehu-weihu-backup-encrypted',
    version: 1,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: 600000 },
    cipher: { name: 'AES-GCM' },
  });
  expect(Buffer.from(envelope.kdf.salt, 'base64')).toHaveLength(16);
  expect(Buffer.from(envelope.cipher.nonce, 'base64')).toHaveLength(12);
  expect(sealed.text).not.toContain(PHONE);
  expect(sealed.text).not.toContain('科技公司');

  await wipeBrowserData(page);
  await page.reload();
  await settings.open();
  const file = { name: sealed.name, mimeType: 'application/json', buffer: Buffer.from(sealed.text) };
  await settings.chooseFile(file);
  const ask = page.locator('form.import-preview');
  await expect(ask).toContainText('This backup file is encrypted');
  await ask.getByLabel('Passphrase', { exact: true }).fill('not the passphrase');
  await ask.getByRole('button', { name: 'Decrypt and preview' }).press('Enter');
  await expect(ask.getByRole('alert')).toHaveText(
    'Wrong passphrase (or the file was changed): it cannot be decrypted. Nothing was written.',
  );
  await expect(page.getByRole('button', { name: 'Import now' })).toHaveCount(0);
  expect(await rawCustomers(page)).toBe('[]');

  await ask.getByLabel('Passphrase', { exact: true }).fill(PASS);
  await ask.getByLabel('Passphrase', { exact: true }).press('Enter');
  await expect(page.locator('.import-counts')).toContainText('In the file: 1 customers, 0 orders, 1 contacts');
  await page.getByRole('button', { name: 'Import now' }).click();
  await expect(page.getByText('Import done: 1 customers written.')).toBeVisible();
  const again = await settings.exportBackup();
  expect(again.text).toBe(plain.text);

  // A damaged envelope is refused before any passphrase is asked, naming the field.
  envelope.cipher.nonce = Buffer.alloc(16).toString('base64');
  await settings.chooseFile({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(envelope)) });
  await expect(page.getByRole('alert')).toContainText('cipher.nonce: must be 12 bytes, not 16');
});

test('encryption at rest: no phone number in IndexedDB, shown after unlocking, hidden in a tab that has not', async ({ page }) => {
  await seed(page);
  expect(await rawCustomers(page)).toContain(PHONE);
  const settings = new SettingsPage(page);
  await settings.open();
  const section = page.locator('#encryption');
  await expect(section).toContainText('a forgotten passphrase cannot be recovered');
  await section.getByLabel('Passphrase', { exact: true }).fill(PASS);
  await section.getByLabel('Repeat the passphrase').fill(PASS);
  await section.getByRole('button', { name: 'Turn on encryption' }).click();
  await expect(section.getByRole('alert')).toHaveText(
    'Confirm first that you understand what a forgotten passphrase means.',
  );
  await section.getByLabel(/I understand/).check();
  await section.getByRole('button', { name: 'Turn on encryption' }).click();
  await expect(section).toContainText('Encryption is on, and this tab is unlocked.', { timeout: 20_000 });

  const raw = await rawCustomers(page);
  expect(raw).not.toContain(PHONE);
  expect(raw).not.toContain('张经理');
  expect(raw).toContain('"sealed"');
  expect(raw).toContain('科技公司 🚀');

  const list = new CustomersList(page);
  await page.getByRole('link', { name: 'Customers', exact: true }).click();
  await list.openCustomer('科技公司 🚀');
  await expect(page.locator('ul.contacts')).toContainText(PHONE);

  // Another tab has no key: the customer is listed, its contact details are not.
  const tab = await page.context().newPage();
  const other = new CustomersList(tab);
  await other.open();
  await other.openCustomer('科技公司 🚀');
  const banner = tab.getByRole('form', { name: 'Unlock' });
  await expect(banner).toContainText('Contact details are encrypted.');
  await expect(tab.getByText(PHONE)).toHaveCount(0);
  await expect(tab.getByText('张经理')).toHaveCount(0);
  // A locked tab exports nothing.
  await tab.goto('settings/');
  await expect(tab.getByRole('button', { name: 'Export backup (JSON)' })).toBeDisabled();

  await banner.getByLabel('Passphrase', { exact: true }).fill('not the passphrase');
  await banner.getByLabel('Passphrase', { exact: true }).press('Enter');
  await expect(banner.getByRole('alert')).toHaveText('Wrong passphrase. Nothing was changed.');
  expect(await rawCustomers(tab)).toBe(raw);

  await banner.getByLabel('Passphrase', { exact: true }).fill(PASS);
  await banner.getByRole('button', { name: 'Unlock' }).click();
  await expect(banner).toHaveCount(0);
  // The key lives in this page: move within the app (a reload would lock it again).
  await tab.getByRole('link', { name: 'Customers', exact: true }).click();
  await other.openCustomer('科技公司 🚀');
  await expect(tab.locator('ul.contacts')).toContainText(PHONE);
  await tab.close();

  // The key lives in the page only: a reload is locked again.
  await page.reload();
  await expect(page.getByRole('form', { name: 'Unlock' })).toBeVisible();
  await expect(page.getByText(PHONE)).toHaveCount(0);

  // Off again (after unlocking): the record is plain once more.
  await page.getByRole('form', { name: 'Unlock' }).getByLabel('Passphrase', { exact: true }).fill(PASS);
  await page.getByRole('form', { name: 'Unlock' }).getByLabel('Passphrase', { exact: true }).press('Enter');
  await expect(page.locator('ul.contacts')).toContainText(PHONE);
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await expect(section).toContainText('this tab is unlocked');
  await section.getByLabel('Passphrase', { exact: true }).fill(PASS);
  await section.getByRole('button', { name: 'Turn off encryption' }).click();
  await expect(section).toContainText('Encryption is off', { timeout: 20_000 });
  expect(await rawCustomers(page)).toContain(PHONE);
});
