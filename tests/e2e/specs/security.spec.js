// Issue 24: the page's Content-Security-Policy. Scripts run only from the app's own files (its
// inline scripts by hash), so text that reaches the page as markup cannot run, and every page
// still works under the policy.
'use strict';
const { test, expect } = require('../fixtures/test');
const { DEMO_PAGES } = require('../fixtures/demo-pages');


/** Records every policy violation the page reports, from before its first script. */
async function recordViolations(page) {
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
}

function policyOf(html) {
  const m = html.match(/<meta http-equiv="?Content-Security-Policy"? content="([^"]+)"/i);
  expect(m, 'index.html has a Content-Security-Policy meta').not.toBeNull();
  return Object.fromEntries(m[1].split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
}

test('every page is served with a policy that allows the app\'s own scripts only', async ({ page, request }) => {
  for (const address of ['', 'today/', 'customer/']) {
    const html = await (await request.get(address)).text();
    const policy = policyOf(html);
    expect(policy['script-src']).toEqual(expect.arrayContaining(["'self'", "'wasm-unsafe-eval'"]));
    expect(policy['script-src'].filter((s) => s.startsWith("'sha256-")).length).toBeGreaterThanOrEqual(2);
    expect(policy['script-src']).not.toContain("'unsafe-inline'");
    expect(policy['script-src']).not.toContain("'unsafe-eval'");
    expect(policy['object-src']).toEqual(["'none'"]);
    expect(policy['base-uri']).toEqual(["'self'"]);
    expect(policy['connect-src']).toEqual(expect.arrayContaining(["'self'", 'https:']));
    expect(policy['connect-src']).not.toContain('*');
    // No inline event handler in the page as served.
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  }
});

test.describe('markup injected into the page', () => {
  test.use({
    // One expression: a second element would be read as the option's settings.
    expectedConsoleErrors: [/Content Security Policy|Failed to load resource/],
  });

  test('an injected <script> and an onerror= attribute do not run', async ({ page }) => {
    await recordViolations(page);
    await page.goto('today/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = "script ran"';
      document.body.append(script);
      const box = document.createElement('div');
      box.innerHTML = '<img src="no-such-image.png" onerror="window.__injected = \'onerror ran\'">';
      document.body.append(box);
      const link = document.createElement('a');
      link.setAttribute('href', 'javascript:window.__injected = "link ran"');
      link.id = 'injected-link';
      link.textContent = 'x';
      document.body.append(link);
    });
    await page.locator('#injected-link').click();
    await expect.poll(() => page.evaluate(() => window.__violations.length)).toBeGreaterThanOrEqual(3);
    expect(await page.evaluate(() => window.__injected)).toBeUndefined();
    const violations = await page.evaluate(() => window.__violations);
    expect(violations.every((v) => v.startsWith('script-src'))).toBe(true);
  });
});

test('every page works under the policy, with nothing refused', async ({ page }) => {
  await recordViolations(page);
  await page.goto('settings/');
  await page.getByRole('button', { name: 'Open the demo workspace' }).click();
  await expect(page.locator('.demo-banner')).toBeVisible();
  for (const address of DEMO_PAGES) {
    await page.goto(address);
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
    // A page loaded on demand has drawn its content, not the loading line.
    await expect(page.locator('main')).not.toContainText('Opening the page…');
    expect(await page.evaluate(() => window.__violations), address).toEqual([]);
  }
  // The offline worker registered under the policy too.
  await expect.poll(() => page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())), { timeout: 10_000 }).toBe(true);
});
