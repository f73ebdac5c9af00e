// The CouchDB-compatible server the sync tests run against: pouchdb-server, in memory, on
// 127.0.0.1:COUCH_PORT (default 5989), with the fault proxy (./fault-proxy.js) in front of it
// on FAULT_PORT (default 5990; FAULT_PORT=off runs without it). README.md beside this file
// says what the server answers.
//
// Once it prints `couch ready on http://127.0.0.1:PORT` the server has
//   - the server admin `admin` / `admin-pass` (no admin party: only the admin may create or
//     delete databases and change _config; a database is still open to anyone until its
//     _security names members, as in CouchDB 2),
//   - CORS for any origin with credentials, headers authorization, content-type, accept,
//   - the ordinary user `alice` / `alice-pass` in _users.
// SIGTERM or SIGINT stops both and removes the temporary directory.
'use strict';
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const faultProxy = require('./fault-proxy');

const COUCH_PORT = Number(process.env.COUCH_PORT || 5989);
const FAULT_PORT = process.env.FAULT_PORT === undefined ? '5990' : process.env.FAULT_PORT;
const proxyPort = () => (['', '0', 'off'].includes(FAULT_PORT) ? null : Number(FAULT_PORT));
const HOST = '127.0.0.1';
const BASE = `http://${HOST}:${COUCH_PORT}`;
const ADMIN = { name: 'admin', password: 'admin-pass' };
const USER = { name: 'alice', password: 'alice-pass' };

// pouchdb-server writes config.json and log.txt into its working directory even in memory;
// they go to a directory of their own, not into the repository.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'couch-test-'));

// The admin is in config.json before the server starts (hashed the way CouchDB and
// pouchdb-auth store it: PBKDF2-SHA1, 20 bytes, the salt's hex text as the salt), so the
// server never answers as an admin party, not even between its start and our first request.
// CORS too: pouchdb-server reads both from the file at start (PUT /_config/... works as well,
// but only once the server is up).
function pbkdf2Admin(password) {
  const salt = crypto.randomBytes(16).toString('hex');
  const key = crypto.pbkdf2Sync(password, salt, 10, 20, 'sha1').toString('hex');
  return `-pbkdf2-${key},${salt},10`;
}
fs.writeFileSync(
  path.join(dir, 'config.json'),
  JSON.stringify(
    {
      admins: { [ADMIN.name]: pbkdf2Admin(ADMIN.password) },
      httpd: { enable_cors: true },
      // pouchdb-server splits these lists on ", " exactly; origins "*" with credentials
      // echoes the request's Origin (a browser refuses "*" with credentials).
      cors: {
        origins: '*',
        credentials: true,
        headers: 'authorization, content-type, accept',
        methods: 'GET, PUT, POST, DELETE, HEAD',
      },
      log: { file: path.join(dir, 'log.txt') },
    },
    null,
    2,
  ),
);

// pouchdb-child.js runs the package's own bin in this node after correcting four of its
// bugs (see there). Its stdout is one log line per request: shown only with COUCH_LOG=1.
let child = null;
function startChild() {
  child = spawn(
    process.execPath,
    [path.join(__dirname, 'pouchdb-child.js'), '--in-memory', '--host', HOST, '--port', String(COUCH_PORT), '--no-stdout-logs'],
    // Our own stdout carries only the ready lines (scripts/test.sh waits for them).
    {
      cwd: dir,
      env: { ...process.env, COUCH_TMP_DIR: dir },
      stdio: ['pipe', process.env.COUCH_LOG ? process.stderr : 'ignore', process.stderr],
    },
  );
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`couch: pouchdb-server exited (${signal || code})`);
    stop(1);
  });
}

let proxy = null;
let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  if (proxy) {
    proxy.close();
    proxy.closeAllConnections();
  }
  const done = () => {
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(code);
  };
  if (!child || child.exitCode !== null || child.signalCode !== null) return done();
  child.once('exit', done);
  child.kill('SIGTERM');
  setTimeout(() => child.kill('SIGKILL'), 3000).unref();
}
process.on('SIGTERM', () => stop(0));
process.on('SIGINT', () => stop(0));

function fail(message) {
  console.error(`couch: ${message}`);
  stop(1);
}

async function request(method, urlPath, { auth, body } = {}) {
  const headers = { accept: 'application/json' };
  if (auth) headers.authorization = 'Basic ' + Buffer.from(`${auth.name}:${auth.password}`).toString('base64');
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(BASE + urlPath, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch (e) {}
  return { status: res.status, json, text };
}

async function waitUntilUp(deadline) {
  for (;;) {
    try {
      const res = await fetch(BASE + '/');
      if (res.ok) return;
    } catch (e) {}
    if (Date.now() > deadline) throw new Error(`no answer from ${BASE}/ within 20 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// A server left over from an earlier run would answer on our port and be taken for ours.
function portFree(port) {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, HOST, () => probe.close(() => resolve(true)));
  });
}

async function main() {
  for (const port of [COUCH_PORT, proxyPort()].filter(Boolean)) {
    if (!(await portFree(port))) throw new Error(`port ${port} is in use (a test server left running?)`);
  }
  startChild();
  await waitUntilUp(Date.now() + 20_000);

  // The admin from config.json must work, and anonymous requests must not be admin.
  const session = await request('GET', '/_session', { auth: ADMIN });
  if (!session.json || !session.json.userCtx.roles.includes('_admin')) {
    throw new Error(`admin login failed: ${session.status} ${session.text}`);
  }
  const anon = await request('GET', '/_session');
  if (anon.json.userCtx.roles.includes('_admin')) throw new Error('still an admin party');

  // An ordinary user, as CouchDB keeps them: pouchdb-server hashes the password on write.
  const user = await request('PUT', `/_users/org.couchdb.user:${USER.name}`, {
    auth: ADMIN,
    body: { _id: `org.couchdb.user:${USER.name}`, name: USER.name, password: USER.password, type: 'user', roles: [] },
  });
  if (user.status !== 201) throw new Error(`creating ${USER.name}: ${user.status} ${user.text}`);
  const login = await request('POST', '/_session', { body: { name: USER.name, password: USER.password } });
  if (login.status !== 200) throw new Error(`${USER.name} cannot log in: ${login.status} ${login.text}`);

  // The proxy listens only now: Playwright takes its first answer as "everything is ready".
  if (proxyPort()) {
    proxy = await faultProxy.start({ port: proxyPort(), target: BASE, host: HOST });
    console.log(`fault proxy on http://${HOST}:${FAULT_PORT}`);
  }
  console.log(`couch ready on ${BASE}`);
}

main().catch((e) => fail(e.message));
