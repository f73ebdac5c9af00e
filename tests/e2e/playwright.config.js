// @ts-check
'use strict';
const { defineConfig } = require('@playwright/test');

const port = Number(process.env.E2E_PORT || 4173);
const basePath = process.env.E2E_BASE_PATH || '/tools/crm/';
const slower = Math.max(1, Number(process.env.E2E_CPU_THROTTLE || 1));
// The CouchDB-compatible server of the sync specs and its fault proxy (couch/server.js).
// Specs read E2E_COUCH_PORT / E2E_FAULT_PORT; setting them here keeps both sides agreeing.
const couchPort = Number(process.env.E2E_COUCH_PORT || 5991);
const faultPort = Number(process.env.E2E_FAULT_PORT || 5992);
process.env.E2E_COUCH_PORT = String(couchPort);
process.env.E2E_FAULT_PORT = String(faultPort);

module.exports = defineConfig({
  testDir: './specs',
  fullyParallel: false,
  // A `test.only` left in a spec would make CI run just that test and pass.
  forbidOnly: !!process.env.CI,
  workers: 1,
  retries: 0,
  // Slower pages (E2E_CPU_THROTTLE, see fixtures/test.js) get proportionally longer.
  timeout: 30_000 * slower,
  expect: { timeout: 10_000 * slower },
  reporter: [['list'], ['./summary-reporter.js']],
  use: {
    baseURL: `http://127.0.0.1:${port}${basePath}`,
    locale: 'en-US',
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      // Debian's Chromium; no test tool may download a browser of its own.
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: [
    {
      command: 'node static-server.js',
      url: `http://127.0.0.1:${port}${basePath}`,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: 'node couch/server.js',
      env: { COUCH_PORT: String(couchPort), FAULT_PORT: String(faultPort) },
      // The proxy starts listening only once the server is configured (admin, CORS, the
      // user alice), so its answer, not the server's own first one, means "ready".
      url: `http://127.0.0.1:${faultPort}/`,
      reuseExistingServer: false,
      // SIGTERM lets it remove its temporary directory; Playwright would SIGKILL otherwise.
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5000 },
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
