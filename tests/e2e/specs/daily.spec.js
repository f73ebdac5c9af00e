// The pages as a person uses them every day (issue 16): a profile's summary on the first
// screen, money as a person reads it, and late flags that mean something.
'use strict';
const { test, expect } = require('../fixtures/test');
const { CustomersList } = require('../fixtures/customer-pages');
const { importCustomers, customer } = require('../fixtures/data');

/** Opens the demo from Settings and waits for its data. */
async function enterDemo(page, buttonName) {
  await page.goto('settings/');
  await page.getByRole('button', { name: buttonName }).click();
  await expect(page.locator('.demo-banner')).toBeVisible();
  await expect(page).toHaveURL(/\/today\/$/);
}

/** Every money cell of the customers list shows at most two decimals; its tooltip is exact. */
async function expectReadableMoney(page) {
  const cells = page.locator('table tbody td.num[title]');
  await expect(cells.first()).toBeVisible();
  const texts = await cells.allTextContents();
  expect(texts.length).toBeGreaterThan(20);
  for (const text of texts) expect(text, 'at most two decimals').not.toMatch(/\d\.\d{3,}/);
  return texts;
}

test.beforeEach(async ({ page }) => {
  await page.clock.install({ time: new Date('2026-11-23T09:00:00') });
  await page.setViewportSize({ width: 1366, height: 900 });
});

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('科技公司’s summary shows tier, reason, health and the next touch on the first screen', async ({ page }) => {
    await enterDemo(page, '打开演示工作区');
    const list = new CustomersList(page);
    await list.open('客户');
    await list.openCustomer('科技公司');

    const summary = page.locator('.summary');
    for (const part of ['.summary-tier', '.summary-health', '.summary-next', '.summary-stage']) {
      const box = await summary.locator(part).boundingBox();
      expect(box, part).not.toBeNull();
      expect(box.y + box.height, `${part} within the first 900 px`).toBeLessThanOrEqual(900);
    }
    await expect(summary.locator('.summary-tier .tier')).toHaveText('A');
    await expect(summary.locator('.summary-reason')).toContainText('年消费 85 万 ≥ 50 万');
    await expect(summary.locator('.summary-health .health')).toHaveText(/健康|关注|有流失风险/);
    await expect(summary.locator('.summary-next')).toContainText(/\d{4}-\d{2}-\d{2} · /);
    await expect(summary.locator('.summary-stage')).toContainText('成熟 · 高忠诚度');
    await expect(summary.locator('.summary-last')).toContainText(/\d{4}-\d{2}-\d{2} · /);

    // Sixty follow-ups: the latest five, then all on request — labels read as labels.
    const followups = page.locator('.followup-list > li');
    await expect(followups).toHaveCount(5);
    await page.getByRole('button', { name: /显示全部（共 \d+ 条）/ }).first().click();
    expect(await followups.count()).toBeGreaterThan(30);
    await expect(page.locator('.followup-list')).toContainText('需求挖掘点: 新增产品线需求');
    await expect(page.locator('.followup-list')).not.toContainText('每行一个');
    // Orders too: the latest five.
    await expect(page.locator('table.orders tbody tr')).toHaveCount(5);
  });

  test('money reads rounded in the list, exact in the tooltip', async ({ page }) => {
    await enterDemo(page, '打开演示工作区');
    const list = new CustomersList(page);
    await list.open('客户');
    const texts = await expectReadableMoney(page);
    expect(texts).toContain('85 万');
    // A small customer's 2,000 元 a year reads 0.2 万; its tooltip keeps every digit.
    const small = page.locator('td.num[title$="万"]').filter({ hasText: /^0\.\d{1,2} 万$/ }).first();
    await expect(small).toBeVisible();
    expect(await small.getAttribute('title')).toMatch(/^0\.\d+ 万$/);
  });

  test('the demo pipeline flags fewer than a third of its cards, each naming its time node', async ({ page }) => {
    await enterDemo(page, '打开演示工作区');
    await page.goto('pipeline/');
    const cards = page.locator('.card-item');
    await expect(cards.first()).toBeVisible();
    const total = await cards.count();
    const late = page.locator('.card-item.late');
    const flagged = await late.count();
    expect(total).toBeGreaterThanOrEqual(38);
    expect(flagged, `${flagged} of ${total} cards late`).toBeGreaterThan(0);
    expect(flagged * 3, `${flagged} of ${total} cards late`).toBeLessThan(total);
    for (const text of await late.locator('.late-node').allTextContents()) {
      expect(text).toMatch(/^时间节点 \d{4}-\d{2}-\d{2} 已过，未完成：\S/);
    }
    await expect(late.locator('.late-node')).toHaveCount(flagged);
  });
});

test('in English too: the pipeline names the node, the list reads money rounded', async ({ page }) => {
  await enterDemo(page, 'Open the demo workspace');
  await page.goto('pipeline/');
  const late = page.locator('.card-item.late');
  await expect(page.locator('.card-item').first()).toBeVisible();
  const flagged = await late.count();
  expect(flagged, 'the demo has late cards').toBeGreaterThan(0);
  await expect(late.locator('.late-node')).toHaveCount(flagged);
  for (const text of await late.locator('.late-node').allTextContents()) {
    expect(text).toMatch(/^Time node \d{4}-\d{2}-\d{2} passed without: \S/);
  }
  await page.goto('customers/');
  await expectReadableMoney(page);
});

test('a logged visit clears a mature customer’s late flag', async ({ page }) => {
  // Mature since 2026-01-05, nothing logged: the quarterly node passed on 2026-04-05.
  const stage = { stage: 'mature', lifecycle: { since: '2026-01-05', status: 'stable', history: [], actions: [], outputs: [] } };
  await importCustomers(page, [customer('m', '成熟客户甲', [[400, 20], [100, 20]], stage)]);
  await page.goto('pipeline/');
  const card = page.locator('.card-item').filter({ hasText: '成熟客户甲' });
  await expect(card.locator('.late-node')).toHaveText('Time node 2026-04-05 passed without: quarterly review');

  // A visit logged last month is the review: the node moves a quarter on from it.
  await page.goto('followup/?customer=m&kind=visit');
  await page.getByLabel('Date').fill('2026-10-20');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Follow-up saved')).toBeVisible();
  await page.goto('pipeline/');
  await expect(card).toBeVisible();
  await expect(card.locator('.late-flag')).toHaveCount(0);
  // The profile's checklist says where the review came from.
  await page.goto('customer/?id=m');
  await expect(page.locator('.checklist')).toContainText('done, from the records (2026-10-20)');
});
