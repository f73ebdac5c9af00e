// Runs pouchdb-server's own bin (server.js starts this as its child, with the bin's
// arguments) after four corrections, so that the tests meet CouchDB's behaviour, not
// pouchdb-server 4.2.0's bugs. README.md lists what the unpatched server does.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

// server.js holds our stdin open; if server.js dies without stopping us (SIGKILL), the pipe
// closes and we go too instead of holding the port, removing the temporary directory that
// server.js could not.
process.stdin
  .on('end', () => {
    if (process.env.COUCH_TMP_DIR) fs.rmSync(process.env.COUCH_TMP_DIR, { recursive: true, force: true });
    process.exit(0);
  })
  .resume();

// 1. pouchdb-server was written for a Node that only warned about a rejected promise nobody
// handled; today's Node exits on one, and a non-admin's DELETE /db (answered 401 first)
// leaves one behind. Back to warning.
process.on('unhandledRejection', (err) => {
  console.error('pouchdb-server: unhandled rejection:', err && (err.message || err));
});

const serverDir = path.dirname(require.resolve('pouchdb-server/package.json'));
const pouchDir = path.dirname(require.resolve('express-pouchdb/package.json', { paths: [serverDir] }));
const utils = require(path.join(pouchDir, 'lib/utils.js'));

// Replaces one of express-pouchdb's route modules by `wrap(app, original)` before the
// server loads it (it requires './routes/<name>', which resolves to the same cached file).
function wrapRoutes(name, wrap) {
  const file = require.resolve(path.join(pouchDir, 'lib/routes', name + '.js'));
  const original = require(file);
  require.cache[file].exports = (app) => wrap(app, original);
}

function isAdmin(req) {
  return ((req.couchSession || {}).userCtx || { roles: [] }).roles.includes('_admin');
}

// 2. PUT /db by anyone but a server admin crashes the process (the security plugin's
// PouchDB.new returns a rejected promise where a database was expected: "db.info is not a
// function"); DELETE /db by one answers 401 but leaves that database hanging every later
// request. CouchDB answers 401 to both, so we do, before the routes are reached.
wrapRoutes('db', (app, original) => {
  const serverAdminOnly = (req, res, next) => {
    if (isAdmin(req)) return next();
    utils.sendJSON(res, 401, { error: 'unauthorized', reason: 'You are not a server admin.' });
  };
  app.put('/:db', serverAdminOnly);
  app.delete('/:db', serverAdminOnly);
  original(app);
});

// 3. feed=longpoll ignores `timeout`: with nothing new it never answers (it sends a newline
// every 6 s, whatever `heartbeat` says, until a change comes). CouchDB ends the request after
// `timeout` ms (default 60000) with {"results":[],"last_seq":...}. This handler does that;
// other feeds go to the original.
wrapRoutes('changes', (app, original) => {
  function longpoll(req, res, next) {
    if (req.query.feed !== 'longpoll') return next();
    const timeout = Number(req.query.timeout) || 60000;
    const heartbeat = req.query.heartbeat === undefined ? 0 : Number(req.query.heartbeat) || 60000;
    const query = { ...req.query };
    delete query.feed;
    delete query.timeout;
    delete query.heartbeat;
    if (Number(query.limit) < 1) query.limit = 1;
    const opts = (extra) => {
      const o = utils.makeOpts(req, { ...query, query_params: { ...req.query }, ...extra });
      if (req.body && req.body.doc_ids) o.doc_ids = req.body.doc_ids;
      return o;
    };
    req.db.changes(opts({})).then(
      (now) => {
        if (now.results.length) return utils.sendJSON(res, 200, now);
        let done = false;
        let beat = null;
        // Wait from the sequence just seen, so a change between the two calls is not lost.
        const feed = req.db.changes(opts({ since: now.last_seq, live: true, continuous: true }));
        const finish = (body) => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          clearInterval(beat);
          feed.cancel();
          if (!body || res.destroyed) return;
          if (res.headersSent) res.end(JSON.stringify(body) + '\n');
          else utils.sendJSON(res, 200, body);
        };
        const timer = setTimeout(() => finish({ results: [], last_seq: now.last_seq }), timeout);
        if (heartbeat) {
          utils.setJsonOrPlaintext(res);
          res.status(200);
          beat = setInterval(() => res.write('\n'), heartbeat);
        }
        feed.on('change', (change) => finish({ results: [change], last_seq: change.seq }));
        feed.on('error', (err) => {
          if (!res.headersSent) utils.sendError(res, err);
          else res.end();
          finish(null);
        });
        res.on('close', () => finish(null));
      },
      (err) => utils.sendError(res, err),
    );
  }
  app.get('/:db/_changes', longpoll);
  app.post('/:db/_changes', utils.jsonParser, longpoll);
  original(app);
});

// 4. _bulk_get with an empty `docs` list never answers; CouchDB answers {"results":[]}.
wrapRoutes('bulk-get', (app, original) => {
  app.post('/:db/_bulk_get', utils.jsonParser, (req, res, next) => {
    const docs = req.body && req.body.docs;
    if (Array.isArray(docs) && docs.length === 0) return utils.sendJSON(res, 200, { results: [] });
    next();
  });
  original(app);
});

require(path.join(serverDir, require(path.join(serverDir, 'package.json')).bin['pouchdb-server']));
