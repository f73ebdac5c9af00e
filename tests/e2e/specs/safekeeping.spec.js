// Keeping data for years: Today's backup reminder after N days of changes in no backup, the
// reminder's days in Settings, what Settings says about the browser's storage, and the
// automatic backup file where the browser offers one. The clock is Playwright's.
'use strict';
const { test, expect } = require('../fixtures/test');
const { holdDatabase } = require('../fixtures/hold');
const { ProfileForm } = require('../fixtures/customer-pages');

/** Moves the browser's clock to noon on `date` and opens `path` there. */
async function at(page, date, path = 'today/') {
  await page.clock.setFixedTime(new Date(`${date}T12:00:00`));
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

async function addCustomer(page, name) {
  await page.goto('customers/new/');
  const form = new ProfileForm(page);
  await form.fill('Customer name', name);
  await form.save();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

/** The browser's file picker, as Chromium offers it, answering with a file in memory: each
 * write of it lands in `window.backupWrites`, the name it suggested in `window.suggestedName`. */
async function fakeFilePicker(page) {
  await page.addInitScript(() => {
    window.backupWrites = [];
    window.showSaveFilePicker = async (options) => {
      window.suggestedName = options.suggestedName;
      return {
        name: 'my-backup.json',
        queryPermission: async () => 'granted',
        requestPermission: async () => 'granted',
        createWritable: async () => {
          let text = '';
          return { write: async (t) => { text += t; }, close: async () => { window.backupWrites.push(text); } };
        },
      };
    };
  });
}

/** How many customers each write of the backup file held. */
const written = (page) => () => page.evaluate(() => window.backupWrites.map((t) => JSON.parse(t).customers.length));

const reminder = (page) => page.getByRole('complementary', { name: 'Time for a backup' });

/** The customer's touch on Today: Today has drawn its data, so a reminder missing beside it is
 * not one still to be drawn. */
const touchOf = (page, name) => page.locator('.due-line').filter({ hasText: name });

test.beforeEach(async ({ page }) => {
  await page.clock.install({ time: new Date('2026-03-02T12:00:00') });
});

test('Today reminds of a backup 8 days after a change, and the reminder goes once exported', async ({ page }) => {
  await at(page, '2026-03-02', 'settings/');
  await expect(page.getByText('No backup exported yet.')).toBeVisible();
  await addCustomer(page, '华东机械');
  await at(page, '2026-03-08');
  await expect(touchOf(page, '华东机械')).toBeVisible();
  await expect(reminder(page)).toHaveCount(0);

  await at(page, '2026-03-10');
  await expect(reminder(page)).toContainText('Data has been changing for 8 days and there is no backup yet.');
  // The same in Chinese.
  await page.getByRole('button', { name: '中文', exact: true }).click();
  await expect(page.getByRole('complementary', { name: '该备份了' })).toContainText('数据已有 8 天的改动，还没有任何备份。');
  await page.getByRole('button', { name: 'English', exact: true }).click();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    reminder(page).getByRole('button', { name: 'Export backup now' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('customers-2026-03-10.json');
  await expect(reminder(page)).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(touchOf(page, '华东机械')).toBeVisible();
  await expect(reminder(page)).toHaveCount(0);

  // Settings remembers the backup; a change later counts from it.
  await at(page, '2026-03-10', 'settings/');
  await expect(page.getByText('Last backup: 2026-03-10. Nothing changed since.')).toBeVisible();
  await addCustomer(page, '华南物流');
  await at(page, '2026-03-16', 'settings/');
  await expect(page.getByText('Last backup: 2026-03-10. Changes made since are in no backup yet.')).toBeVisible();
  await at(page, '2026-03-17');
  await expect(reminder(page)).toContainText('Your last backup is 7 days old and data has changed since.');
});

test('the reminder waits as many days as Settings says, and a wrong number is named', async ({ page }) => {
  await addCustomer(page, '西北电力');
  await at(page, '2026-03-02', 'settings/');
  const days = page.getByLabel('Remind me on Today after this many days without a backup');
  await expect(days).toHaveValue('7');
  await days.fill('0');
  await days.press('Tab');
  await expect(page.getByRole('alert').filter({ hasText: 'Reminder days: enter a whole number from 1 to 365.' })).toBeVisible();
  await expect(days).toHaveAttribute('aria-invalid', 'true');
  await days.fill('14');
  await days.press('Tab');
  await expect(days).not.toHaveAttribute('aria-invalid', 'true');

  await at(page, '2026-03-12');
  await expect(touchOf(page, '西北电力')).toBeVisible();
  await expect(reminder(page)).toHaveCount(0);
  await at(page, '2026-03-16', 'settings/');
  await expect(page.getByLabel('Remind me on Today after this many days without a backup')).toHaveValue('14');
  // The change was made a few seconds after noon on 2 March: at noon on 16 March fourteen
  // whole days have not yet passed; by the next day they have.
  await at(page, '2026-03-16');
  await expect(touchOf(page, '西北电力')).toBeVisible();
  await expect(reminder(page)).toHaveCount(0);
  await at(page, '2026-03-17');
  await expect(reminder(page)).toContainText('14 days');
});

test('Settings says whether the browser keeps the data and how much space it uses', async ({ page }) => {
  await at(page, '2026-03-02', 'settings/');
  const section = page.locator('#keeping');
  await expect(section.getByRole('heading', { name: 'Keeping your data' })).toBeVisible();
  await expect(section.locator('.storage-persisted')).toHaveText(/The browser has (agreed|not promised) to keep this app's data/);
  await expect(section.locator('.storage-usage')).toHaveText(/^Using \d+ [KMG]B of about \d+ [KMG]B available\.$/);
});

test('a backup file chosen while the data still loads is written with the data, never empty', async ({ page, context }) => {
  await fakeFilePicker(page);
  await addCustomer(page, '东北重工');
  // A slow disk: the data is still being read when the file is chosen.
  const held = await holdDatabase(context);
  await page.goto('settings/');
  await page.getByRole('button', { name: 'Choose backup file…' }).click();
  await expect(page.getByText('Changes are written to the backup file “my-backup.json”.')).toBeVisible();
  await held.release();
  const writes = written(page);
  await expect.poll(writes).toEqual([1]);
});

test('a chosen backup file is written after each change, so no reminder is needed', async ({ page }) => {
  await fakeFilePicker(page);
  await addCustomer(page, '东北重工');
  await at(page, '2026-03-02', 'settings/');
  await page.getByRole('button', { name: 'Choose backup file…' }).click();
  await expect(page.getByText('Changes are written to the backup file “my-backup.json”.')).toBeVisible();
  const writes = written(page);
  await expect.poll(writes).toEqual([1]);
  expect(await page.evaluate(() => window.suggestedName)).toBe('customers-2026-03-02.json');
  await expect(page.getByText('Last backup: 2026-03-02. Nothing changed since.')).toBeVisible();

  // Another customer: written a moment later (the page stays open: the handle lives in it).
  await page.getByRole('link', { name: 'Customers', exact: true }).click();
  await page.getByRole('link', { name: 'New customer', exact: true }).click();
  const form = new ProfileForm(page);
  await form.fill('Customer name', '西南食品');
  await form.save();
  await expect(page.getByRole('heading', { level: 1, name: '西南食品' })).toBeVisible();
  await expect.poll(writes).toEqual([1, 2]);
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('button', { name: 'Stop writing to this file' }).click();
  await expect(page.getByRole('button', { name: 'Choose backup file…' })).toBeVisible();
});
