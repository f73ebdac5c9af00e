// Sync figures (issue 25), printed, never asserted: the first sync of a portfolio up to an empty
// database and down into an empty browser, beside the floor (the same server taking the same
// encrypted documents in one `_bulk_docs`), and one change on device A shown on device B while
// both are open. Needs the test server (tests/e2e/couch/server.js) at COUCH; bench.js calls it.
'use strict';

const AUTH = 'Basic ' + Buffer.from('admin:admin-pass').toString('base64');

async function couch(base, path, init = {}) {
  const res = await fetch(`${base}/${path}`, { ...init, headers: { Authorization: AUTH, 'Content-Type': 'application/json' } });
  return res.json();
}

/** Turns sync on through Settings → Sync and returns the ms until the header says Synced. */
async function turnOn(page, base, couchUrl, db, create, clock) {
  await page.goto(`${base}settings/?section=sync`);
  const sync = page.locator('#sync');
  await sync.getByLabel('Database address').fill(`${couchUrl}/${db}`);
  await sync.getByLabel('User name').fill('admin');
  await sync.getByLabel('Password', { exact: true }).fill('admin-pass');
  await sync.getByLabel('Sync passphrase').fill('bench passphrase');
  // The connection is tested first on both devices, so the time below is the sync's, not
  // the passphrase's key derivation (Turn sync on reuses the key the test derived).
  await sync.getByRole('button', { name: 'Test connection' }).click();
  if (create) await sync.getByRole('button', { name: 'Create this database' }).click();
  await sync.getByText('Connected; the passphrase is right.').waitFor();
  const start = Date.now();
  if (clock) clock.click = start;
  // The header's status is watched in the page: the time is when it first says "Synced"
  // (Playwright's polling saw it up to half a second late), and with BENCH_SYNC_TRACE=1
  // each change of it is printed.
  await page.evaluate((t0) => {
    window.__statuses = [];
    window.__synced = null;
    let last = null;
    new MutationObserver(() => {
      const el = document.querySelector('[data-testid=sync-status]');
      const text = el ? el.textContent : '';
      if (text === last) return;
      last = text;
      window.__statuses.push(`+${Date.now() - t0} ${text}`);
      if (window.__synced === null && text.startsWith('Synced')) window.__synced = Date.now() - t0;
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  }, start);
  await sync.getByRole('button', { name: 'Turn sync on' }).click();
  // The first run shows "Syncing…", then "Synced HH:MM".
  await page.getByTestId('sync-status').filter({ hasText: /^Synced/ }).waitFor({ timeout: 30 * 60_000 });
  const took = await page.evaluate(() => window.__synced);
  if (process.env.BENCH_SYNC_TRACE === '1') {
    console.log(`  status: ${(await page.evaluate(() => window.__statuses)).join(' | ')}`);
  }
  return took;
}

async function customerCount(page) {
  return page.evaluate(() => new Promise((resolve) => {
    const req = indexedDB.open('kehu-weihu');
    req.onsuccess = () => {
      const c = req.result.transaction('customers').objectStore('customers').count();
      c.onsuccess = () => resolve(c.result);
    };
  }));
}

async function industryOf(page, id) {
  return page.evaluate((id) => new Promise((resolve) => {
    const req = indexedDB.open('kehu-weihu');
    req.onsuccess = () => {
      const g = req.result.transaction('customers').objectStore('customers').get(id);
      g.onsuccess = () => resolve(g.result && g.result.industry);
    };
  }), id);
}

/** With BENCH_SYNC_TRACE=1, each sync run's breakdown (store/replica/trace.rs) is printed. */
function traced(context, name, clock) {
  if (process.env.BENCH_SYNC_TRACE !== '1') return;
  context.addInitScript(() => localStorage.setItem('kehu-sync-trace', '1'));
  context.on('console', (msg) => {
    const text = msg.text();
    if (text.startsWith('sync trace')) {
      const began = Number((text.match(/; began (\d+)/) || [])[1]);
      const from = clock.t || clock.click;
      const at = from && began ? ` (began +${began - from} ms)` : '';
      console.log(`  ${name}${at}: ${text}`);
    }
  });
}

function line(label, ms, goal) {
  console.log(`${label.padEnd(72)} ${String(Math.round(ms)).padStart(7)} ms${goal ? `  (goal: ${goal})` : ''}`);
}

async function syncFigures(browser, { n, base, couchUrl, data, file, importFile, newContext }) {
  const db = `bench${n}x${Date.now()}`;
  const clock = { t: 0 };
  const a = await newContext(browser);
  traced(a, 'A', clock);
  const pageA = await a.newPage();
  await importFile(pageA, file);
  const up = await turnOn(pageA, base, couchUrl, db, true, clock);
  const info = await couch(couchUrl, db);
  console.log(`sync, ${n} customers (${data.followups.length} follow-ups): ${info.doc_count} documents on the server`);

  // The floor: the same documents, already encrypted, posted in one request.
  const all = await couch(couchUrl, `${db}/_all_docs?include_docs=true`);
  const docs = all.rows.map((r) => r.doc).filter((d) => !d._id.startsWith('_'));
  await fetch(`${couchUrl}/${db}floor`, { method: 'PUT', headers: { Authorization: AUTH } });
  const t0 = Date.now();
  await couch(couchUrl, `${db}floor/_bulk_docs`, { method: 'POST', body: JSON.stringify({ docs, new_edits: false }) });
  const floor = Date.now() - t0;
  line(`sync, ${n} customers: first sync up to an empty database`, up, `<= 3 x floor (${(up / floor).toFixed(1)} x)`);
  line(`sync, ${n} customers: floor, the same documents in one _bulk_docs`, floor);

  const b = await newContext(browser);
  traced(b, 'B', clock);
  const pageB = await b.newPage();
  await pageB.goto(base);
  const down = await turnOn(pageB, base, couchUrl, db, false, clock);
  const got = await customerCount(pageB);
  line(`sync, ${n} customers: first sync down into an empty browser (${got} customers)`, down, `<= 3 x floor (${(down / floor).toFixed(1)} x)`);

  // One change on A, shown on B while both are open (B waits on the long poll): both
  // opened and through their opening sync first, as two devices left open are.
  await pageB.goto(`${base}customers/`);
  await pageA.goto(`${base}customer/?id=c0`);
  for (const page of [pageA, pageB]) {
    await page.getByTestId('sync-status').filter({ hasText: /^Synced/ }).waitFor({ timeout: 10 * 60_000 });
  }
  await pageA.waitForTimeout(1000);
  await pageA.getByRole('button', { name: 'Edit' }).click();
  await pageA.getByRole('textbox', { name: 'Industry', exact: true }).fill('同步测试');
  const t1 = Date.now();
  clock.t = t1;
  await pageA.getByRole('button', { name: 'Save', exact: true }).click();
  while ((await industryOf(pageB, 'c0')) !== '同步测试') {
    if (Date.now() - t1 > 60_000) break;
    await pageB.waitForTimeout(50);
  }
  line(`sync, ${n} customers: one change on A stored on B, both open`, Date.now() - t1, '<= 2000 ms');
  await a.close();
  await b.close();
}

module.exports = { syncFigures };
