// Contact cadence (联系周期): Today, onboarding on the right days, logging and snoozing, the
// year plan and the calendar export. The app's "today" is moved with Playwright's clock.
'use strict';
const { test, expect } = require('../fixtures/test');
const { importCustomers } = require('../fixtures/data');

const WAN = 1_000_000;

/** Sets the browser's clock to noon on `date` (YYYY-MM-DD) and reloads the app there. */
async function setToday(page, date, path = 'today/') {
  await page.clock.setFixedTime(new Date(`${date}T12:00:00`));
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

function parseIcs(text) {
  const unfolded = text.replace(/\r\n[ \t]/g, '');
  return unfolded
    .split('BEGIN:VEVENT')
    .slice(1)
    .map((block) => {
      const get = (name) => (block.match(new RegExp(`^${name}[^:]*:(.*)$`, 'm')) || [])[1];
      return { uid: get('UID'), start: get('DTSTART'), summary: get('SUMMARY'), description: get('DESCRIPTION') };
    });
}

test.beforeEach(async ({ page }) => {
  await page.clock.install({ time: new Date('2026-03-02T12:00:00') });
});

test('a first deal brings its onboarding steps to Today on the right days', async ({ page }) => {
  await importCustomers(page, [
    { id: 'n1', name: '华东物流', owner: '赵经理', orders: [{ id: 'o1', date: '2026-03-02', amount_fen: 3 * WAN }] },
  ]);
  await setToday(page, '2026-03-02');
  const next = page.locator('.today-section.upcoming');
  await expect(next).toContainText('within 24 h of the first deal: thank-you letter');
  await expect(next).toContainText('within 24 h of the first deal: short call');
  await expect(next.locator('.due-line').filter({ hasText: 'thank-you letter' })).toContainText('2026-03-03');

  // Day 7: the user guide is due today.
  await setToday(page, '2026-03-09');
  await expect(page.locator('.today-section.due')).toContainText('day 7 after the first deal: user guide');
  // Nothing was logged, so the first-day steps are now late.
  await expect(page.locator('.today-section.overdue')).toContainText('thank-you letter');

  // Day 30: the review meeting and the gift.
  await setToday(page, '2026-04-01');
  const due = page.locator('.today-section.due');
  await expect(due).toContainText('day 30: review visit or video meeting');
  await expect(due).toContainText('day 30: a small gift');
});

test('logging a touch from Today moves the next due date and asks for a profile update; snoozing needs a reason', async ({ page }) => {
  // 001: a B customer is visited quarterly and has one online contact a quarter.
  await importCustomers(page, [
    {
      id: 'yy',
      name: 'YY贸易公司',
      owner: '刘总监',
      created_on: '2025-01-01',
      orders: [
        { id: 'o1', date: '2024-09-01', amount_fen: 0 },
        { id: 'o2', date: '2026-01-10', amount_fen: 20 * WAN },
        { id: 'o3', date: '2026-02-10', amount_fen: 15 * WAN },
      ],
    },
  ]);
  await setToday(page, '2026-03-02');
  const visit = page.locator('.due-line').filter({ hasText: 'Visit' });
  const online = page.locator('.due-line').filter({ hasText: 'Video / online' });
  await expect(visit).toContainText('B · quarterly · never contacted');
  await expect(online).toBeVisible();
  await visit.getByRole('button', { name: 'Log touch' }).click();
  // Checked as the full form checks it: three topics (split on 、 as on commas) are too many.
  await visit.getByLabel('Topics (1–2, comma-separated)').fill('Q1 采购计划、售后问题、新品');
  await visit.getByRole('button', { name: 'Save' }).click();
  await expect(visit.getByRole('alert')).toHaveText('At most 2 topics');
  await visit.getByLabel('Topics (1–2, comma-separated)').fill('Q1 采购计划, 售后问题');
  await visit.getByLabel('What was said').fill('客户满意，下季度增购');
  await visit.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Logged')).toBeVisible();
  // Today has drawn what is left: nothing (the empty state shows only for data read and found
  // empty), so the two lines below are gone, not still to be drawn.
  await expect(page.locator('.page-today .empty-state')).toHaveText('Nobody to contact today. Touches due by the cadence appear here.');
  await expect(page.locator('.due-line').filter({ hasText: 'Visit' })).toHaveCount(0);

  // The visit also counts as the quarter's online contact? No: a visit includes a call or an
  // online meeting, so that one is done too.
  await expect(online).toHaveCount(0);

  // The quick log closes the loop as the full form does: the owner is reminded to update the
  // profile on the next working day (Tuesday 2026-03-03).
  await page.goto('todos/');
  const reminder = page.locator('.todo').filter({ hasText: 'Update the profile from this follow-up' });
  await expect(reminder).toHaveCount(1);
  await expect(reminder).toContainText('2026-03-03');
  await expect(reminder).toContainText('YY贸易公司');

  // The plan shows the next visit a quarter later (2026-06-02 is a Tuesday).
  await page.goto('plan/?customer=yy');
  const year = page.locator('.year-plan');
  await expect(year.locator('tr').filter({ hasText: 'Visit' }).first()).toContainText('2026-06-02');

  // Snooze: a reason is required; then the item moves to the chosen date.
  await page.clock.setFixedTime(new Date('2026-06-02T12:00:00'));
  await page.goto('today/');
  const due = page.locator('.due-line').filter({ hasText: 'Visit' });
  await expect(due).toContainText('last 2026-03-02');
  await due.getByRole('button', { name: 'Snooze' }).click();
  await due.getByLabel('Move to').fill('2026-06-05');
  await due.getByRole('button', { name: 'Snooze' }).last().click();
  await expect(due.getByRole('alert')).toHaveText('Say why it moves');
  await due.getByLabel('Reason (required)').fill('客户出差');
  await due.getByRole('button', { name: 'Snooze' }).last().click();
  await expect(page.locator('.today-section.upcoming .due-line').filter({ hasText: 'Visit' })).toContainText('2026-06-05');
});

test('the year plan is editable item by item, kept, and exported as a calendar with stable ids', async ({ page }) => {
  await importCustomers(page, [
    {
      id: 'tech',
      name: '科技公司',
      owner: '王经理',
      strategy: { industry_leader: true },
      created_on: '2023-01-01',
      orders: [
        { id: 'o0', date: '2023-01-05', amount_fen: 0 },
        { id: 'o1', date: '2026-01-05', amount_fen: 45 * WAN },
        { id: 'o2', date: '2025-06-05', amount_fen: 40 * WAN },
      ],
    },
  ]);
  await page.goto('plan/?customer=tech');
  const rows = page.locator('.year-plan > tbody > tr:not(.edit-row)');
  // 001 A: an executive visit every month and a call every 15 days, for 12 months.
  await expect(rows.filter({ hasText: 'Executive visit' })).toHaveCount(12);
  await expect(page.locator('.month-grid')).toContainText('科技公司 · Executive visit');
  // The calendar's plan is generated as far as it is paged: five months on, August has its touches.
  for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Next month' }).click();
  await expect(page.locator('#month-title')).toHaveText('Aug 2026');
  await expect(page.locator('.month-grid')).toContainText('科技公司 · Executive visit');

  // Move the April executive visit to 2026-04-15 with a topic; it stays after a reload.
  const april = rows.filter({ hasText: 'Executive visit' }).filter({ hasText: '2026-04-02' });
  await april.getByRole('button', { name: 'Edit' }).click();
  const form = page.locator('.edit-row form');
  await form.getByLabel('Date').fill('2026-04-15');
  await form.getByLabel('Topics (1–2, comma-separated)').fill('新能源产线, 白皮书, 第三个');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('alert')).toHaveText('At most 2 topics per touch');
  await form.getByLabel('Topics (1–2, comma-separated)').fill('新能源产线, 白皮书');
  await form.getByRole('button', { name: 'Save' }).click();
  // Shown once stored; then it must survive a reload.
  await expect(rows.filter({ hasText: '2026-04-15' })).toContainText('新能源产线 · 白皮书');
  await page.reload();
  await expect(rows.filter({ hasText: '2026-04-15' })).toContainText('新能源产线 · 白皮书');
  await expect(rows.filter({ hasText: 'Executive visit' }).filter({ hasText: '2026-04-02' })).toHaveCount(0);

  // A call becomes a visit: the kind is picked from the list.
  const call = rows.filter({ hasText: 'Call' }).first();
  const callDate = (await call.textContent()).match(/\d{4}-\d{2}-\d{2}/)[0];
  await call.getByRole('button', { name: 'Edit' }).click();
  await form.getByLabel('Kind of touch').selectOption({ label: 'Visit' });
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toHaveCount(0);

  // Export twice: the same events with the same UIDs.
  const exportIcs = async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export calendar (.ics)' }).click()]);
    const chunks = [];
    for await (const c of await download.createReadStream()) chunks.push(c);
    return Buffer.concat(chunks).toString('utf8');
  };
  const first = parseIcs(await exportIcs());
  const second = parseIcs(await exportIcs());
  expect(first.length).toBeGreaterThan(30);
  expect(new Set(first.map((e) => e.uid)).size).toBe(first.length);
  expect(second.map((e) => e.uid)).toEqual(first.map((e) => e.uid));
  const moved = first.find((e) => e.start === '20260415');
  expect(moved.summary).toBe('科技公司 · Executive visit');
  expect(moved.description).toContain('新能源产线');
  const visit = first.find((e) => e.start === callDate.replaceAll('-', '') && e.summary === '科技公司 · Visit');
  expect(visit, `a visit on ${callDate}`).toBeTruthy();
});
