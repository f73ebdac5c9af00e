// Offline and installable: after one visit every page opens and works with the network off
// (and the server gone), and a new release is offered with a "reload" prompt, then runs whole.
// Each test serves its own copy of dist/ on a second port, so it can stop the server or put
// the next release in place (as scripts/offline.js writes it) under the same address.
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { test, expect } = require('../fixtures/test');
const { ProfileForm } = require('../fixtures/customer-pages');

const PORT = Number(process.env.E2E_PORT || 4173) + 10;
const BASE_PATH = process.env.E2E_BASE_PATH || '/tools/crm/';
const APP = `http://127.0.0.1:${PORT}${BASE_PATH}`;
const DIST = path.join(__dirname, '../../../dist');
const PAGES = [
  'today/',
  'customers/',
  'plan/',
  'todos/',
  'pipeline/',
  'dashboard/',
  'settings/',
  'customers/new/',
  'customers/review/',
  'brief/',
  'templates/',
  'followup/',
  'customer/?id=none',
];

test.describe.configure({ timeout: 180_000 });

/** Serves a fresh copy of dist/ at APP; returns the copy's folder and a way to stop serving. */
async function serveCopy() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kehu-offline-'));
  fs.cpSync(DIST, dir, { recursive: true });
  const server = spawn('node', [path.join(__dirname, '../static-server.js')], {
    env: { ...process.env, E2E_PORT: String(PORT), E2E_DIST: dir },
    stdio: 'ignore',
  });
  for (let i = 0; i < 50; i++) {
    const up = await fetch(APP).then((r) => r.ok, () => false);
    if (up) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    server.kill();
    await new Promise((r) => server.once('exit', r));
  };
  return { dir, stop, cleanup: async () => { await stop(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

/** Waits until the offline worker is installed (every file cached) and active. */
async function workerReady(page) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
}

test('after one visit every page opens offline, and a customer created offline is still there', async ({ page, context }) => {
  const site = await serveCopy();
  try {
    await page.goto(APP);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await workerReady(page);
    // The manifest names the app in both languages and starts at the app's root.
    const manifest = await page.evaluate(async () => {
      const link = document.querySelector('link[rel=manifest]');
      const res = await fetch(link.href);
      return { url: res.url, ...(await res.json()) };
    });
    expect(manifest.name).toBe('客户维护 · Customer Care');
    expect(new URL(manifest.start_url, manifest.url).href).toBe(APP);
    expect(new URL(manifest.scope, manifest.url).href).toBe(APP);

    // No network, no server.
    await site.stop();
    await context.setOffline(true);
    for (const p of PAGES) {
      await page.goto(APP + p);
      await expect(page.getByRole('heading', { level: 1 }), p).toBeVisible();
    }
    await page.goto(`${APP}customers/new/`);
    const form = new ProfileForm(page);
    await form.fill('Customer name', '离线客户 Offline Ltd');
    await form.save();
    await expect(page.getByRole('heading', { level: 1, name: '离线客户 Offline Ltd' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: '离线客户 Offline Ltd' })).toBeVisible();
    await page.goto(`${APP}customers`);
    await expect(page.locator('table.customers-table')).toContainText('离线客户 Offline Ltd');
    await context.setOffline(false);
  } finally {
    await site.cleanup();
  }
});

test('a deep page registers the same worker, scoped to the app root', async ({ page }) => {
  const site = await serveCopy();
  try {
    await page.goto(`${APP}customers/new/`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const scope = await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.scope));
    expect(scope).toBe(APP);
  } finally {
    await site.cleanup();
  }
});

test('a new release is offered with a reload prompt, and after the reload it runs', async ({ page }) => {
  const site = await serveCopy();
  try {
    await page.goto(APP);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await workerReady(page);
    const before = await page.evaluate(() => fetch('sw.js').then((r) => r.text()));

    // The next release: every page changed, and its worker written the way a build writes it.
    for (const file of fs.readdirSync(site.dir, { recursive: true })) {
      if (!String(file).endsWith('index.html')) continue;
      const full = path.join(site.dir, String(file));
      fs.writeFileSync(full, fs.readFileSync(full, 'utf8').replace('</head>', '<meta name="e2e-release" content="2"></head>'));
    }
    execFileSync('node', [path.join(__dirname, '../../../scripts/offline.js'), site.dir]);
    const after = fs.readFileSync(path.join(site.dir, 'sw.js'), 'utf8');
    expect(after.match(/VERSION = '(\w+)'/)[1]).not.toBe(before.match(/VERSION = '(\w+)'/)[1]);

    // The next visit still runs the release it was loaded with, whole, and offers the new one.
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const prompt = page.getByRole('status').filter({ hasText: 'A new version is available' });
    await expect(prompt).toBeVisible({ timeout: 60_000 });
    expect(await page.locator('meta[name=e2e-release]').count()).toBe(0);
    await prompt.getByRole('button', { name: 'Reload' }).click();
    await expect(page.locator('meta[name=e2e-release]')).toHaveCount(1, { timeout: 30_000 });
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(prompt).toHaveCount(0);
  } finally {
    await site.cleanup();
  }
});
