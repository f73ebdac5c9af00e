// Dashboard (METHOD.md §7): the seeds' targets measured from a prepared data set, charts with
// one point per month, the period picker, editable targets that regrade, and a clean print.
'use strict';
const { test, expect } = require('../fixtures/test');
const { importCustomers, WAN } = require('../fixtures/data');

/** Four customers since January 2024; one lost in May 2026; two CSAT answers (90 and 80). */
function prepared() {
  const one = (id, extra = {}) => ({
    id,
    name: `Customer ${id}`,
    created_on: '2024-01-01',
    orders: [
      { id: `${id}-o1`, date: '2024-01-15', amount_fen: 20 * WAN },
      { id: `${id}-o2`, date: '2026-03-10', amount_fen: 20 * WAN },
    ],
    stage: 'mature',
    lifecycle: { since: '2024-01-15', history: [{ date: '2024-01-15', from: null, to: 'mature' }] },
    ...extra,
  });
  return [
    one('c1', { satisfaction: [{ id: 'c1-s', date: '2026-02-10', kind: 'csat', score: 90 }] }),
    one('c2', { satisfaction: [{ id: 'c2-s', date: '2026-06-10', kind: 'csat', score: 80 }] }),
    one('c3'),
    one('c4', {
      stage: 'churned',
      lifecycle: {
        since: '2026-05-10',
        history: [
          { date: '2024-01-15', from: null, to: 'mature' },
          { date: '2026-05-10', from: 'mature', to: 'churned' },
        ],
      },
    }),
  ];
}

const kpi = (page, key) => page.locator(`.kpi[data-kpi="${key}"]`);

test.beforeEach(async ({ page }) => {
  await page.clock.install({ time: new Date('2026-11-23T09:00:00') });
  await importCustomers(page, prepared());
  await page.goto('dashboard/');
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
});

test('the figures are the prepared data’s, each with its formula, and missing data says what to record', async ({ page }) => {
  await expect(page.locator('.dash-span')).toContainText('2025-12-01 – 2026-11-23');
  const churn = kpi(page, 'churn');
  await expect(churn.locator('.kpi-value')).toHaveText('25%');
  await expect(churn.locator('.kpi-counts')).toHaveText('lost 1 ÷ at the start 4');
  await expect(churn.locator('.kpi-formula')).toContainText('customers lost in the period ÷ customers at its start');
  await expect(churn.locator('.kpi-target')).toContainText('target ≤ 15%');
  await expect(churn).toHaveClass(/grade-missed/);

  const csat = kpi(page, 'csat');
  await expect(csat.locator('.kpi-value')).toHaveText('85');
  await expect(csat).toHaveClass(/grade-met/);
  await expect(csat.locator('.kpi-formula')).toContainText('0–10 feedback scores are scaled ×10');

  // No NPS answers and no new customers: the figure says what to record, not 0.
  await expect(kpi(page, 'nps').locator('.kpi-missing')).toContainText('record NPS answers');
  await expect(kpi(page, 'referrals').locator('.kpi-missing')).toContainText('no new customers in the period');
  await expect(kpi(page, 'referrals').locator('.kpi-value')).toHaveCount(0);
});

test('the trend charts have one point per month of the period', async ({ page }) => {
  const churnChart = page.locator('.chart').filter({ hasText: 'Churn per month' });
  await expect(churnChart.locator('.chart-point')).toHaveCount(12);
  await expect(churnChart.locator('.chart-data tbody tr')).toHaveCount(12);
  // May 2026 lost one of four; every other month none.
  await expect(churnChart.locator('.chart-data tbody tr').filter({ hasText: 'May 26' })).toContainText('25%');
  await expect(churnChart.locator('.chart-data tbody tr').filter({ hasText: 'Apr 26' })).toContainText('0%');
  // CSAT has answers in two months only: two points, the other months say so.
  const satisfaction = page.locator('.chart').filter({ hasText: 'CSAT and NPS per month' });
  await expect(satisfaction.locator('.series-csat .chart-point')).toHaveCount(2);
  await expect(satisfaction.locator('.chart-data tbody tr').filter({ hasText: 'Jan 26' })).toContainText('no data');

  // This year: January to November, eleven points, the churn target prorated.
  await page.getByLabel('This year').check();
  await expect(page).toHaveURL(/period=year/);
  await expect(churnChart.locator('.chart-point')).toHaveCount(11);
  await expect(kpi(page, 'churn').locator('.kpi-target')).toContainText('target ≤ 13.8%');

  // A custom summer: three months without a loss, and the choice survives a reload.
  await page.getByRole('radio', { name: 'Custom', exact: true }).check();
  await page.getByLabel('From', { exact: true }).fill('2026-06-01');
  await page.getByLabel('From', { exact: true }).dispatchEvent('change');
  await page.getByLabel('To', { exact: true }).fill('2026-08-31');
  await page.getByLabel('To', { exact: true }).dispatchEvent('change');
  await expect(page).toHaveURL(/from=2026-06-01&to=2026-08-31/);
  await expect(churnChart.locator('.chart-point')).toHaveCount(3);
  await expect(kpi(page, 'churn').locator('.kpi-value')).toHaveText('0%');
  await expect(kpi(page, 'churn')).toHaveClass(/grade-met/);
  await page.reload();
  await expect(page.locator('.dash-span')).toContainText('2026-06-01 – 2026-08-31');
});

test('changing a target recolours its indicator, and the seeds’ targets come back', async ({ page }) => {
  const csat = kpi(page, 'csat');
  await expect(csat).toHaveClass(/grade-met/);
  await expect(csat.locator('.bullet-value')).toHaveClass(/grade-met/);

  const field = page.getByLabel('CSAT at least (100 scale)');
  await field.fill('90');
  await field.dispatchEvent('change');
  await page.locator('#targets').getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Settings saved')).toBeVisible();
  // 85 is within 10 % of 90: close (amber).
  await expect(csat).toHaveClass(/grade-close/);
  await expect(csat.locator('.grade-badge')).toHaveText('Close');
  await expect(csat.locator('.kpi-target')).toContainText('target ≥ 90');

  await field.fill('95');
  await field.dispatchEvent('change');
  await page.locator('#targets').getByRole('button', { name: 'Save' }).click();
  await expect(csat).toHaveClass(/grade-missed/);
  await expect(csat.locator('.bullet-value')).toHaveClass(/grade-missed/);

  // A typo is named and not saved.
  await field.fill('ninety');
  await field.dispatchEvent('change');
  await expect(page.locator('#target-csat-error')).toContainText('Enter a number of 0 or more');
  await page.locator('#targets').getByRole('button', { name: 'Save' }).click();
  await expect(csat.locator('.kpi-target')).toContainText('target ≥ 95');

  // The targets are stored with the data: a reload keeps them; the seeds' come back on request.
  await page.reload();
  await expect(kpi(page, 'csat')).toHaveClass(/grade-missed/);
  await page.getByRole('button', { name: "Back to the seeds' targets" }).click();
  await page.locator('#targets').getByRole('button', { name: 'Save' }).click();
  await expect(kpi(page, 'csat')).toHaveClass(/grade-met/);
});

test('printing gives the figures and charts without the app around them', async ({ page }) => {
  await page.evaluate(() => {
    window.__printed = 0;
    window.print = () => { window.__printed += 1; };
  });
  await page.getByRole('button', { name: 'Print' }).click();
  expect(await page.evaluate(() => window.__printed)).toBe(1);

  await page.emulateMedia({ media: 'print' });
  for (const hidden of ['.app-nav', '.app-header', '.dash-period', '.dash-targets']) {
    await expect(page.locator(hidden)).toBeHidden();
  }
  await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
  await expect(page.locator('.kpi-grid')).toBeVisible();
  await expect(page.locator('.dash-span')).toBeVisible();
  await expect(page.locator('.chart').first()).toBeVisible();
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  expect(pdf.length).toBeGreaterThan(20_000);
  // At most three A4 pages.
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  expect(pages).toBeGreaterThan(0);
  expect(pages).toBeLessThanOrEqual(3);
});
