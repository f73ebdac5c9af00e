// An HTTP proxy in front of the CouchDB-compatible test server that can break the next
// requests on purpose, so sync tests see the failures a real network produces: a request that
// never arrives, one that arrives twice, an answer lost after the server did the work, a
// connection cut in the middle of a body, a slow or failing server.
//
//   POST   /__fault  {"mode": "...", "count": 1, "path": "regex", "ms": 0}  queue a fault
//   DELETE /__fault                                                          clear everything
//   GET    /__fault  -> {"pending": [...], "seen": {"mode": times applied}}
//
// Every other request is forwarded as it is (method, path, headers, body) and the answer is
// streamed back (a longpoll `_changes` must reach the client as the server writes it).
// Usage: require('./fault-proxy').start({ port, target }) or `node fault-proxy.js PORT TARGET`.
'use strict';
const http = require('node:http');

const MODES = ['drop', 'delay', 'duplicate', 'cut-after', 'cut-mid', 'error'];
// Headers that describe one connection, not the message; each hop sets its own.
const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
];

function start({ port, target, host = '127.0.0.1' }) {
  const base = new URL(target);
  const basePath = base.pathname.replace(/\/+$/, '');
  // A new upstream connection per request: a pooled one the server has just closed after
  // its keep-alive timeout would turn into a spurious 502.
  const agent = new http.Agent({ keepAlive: false });
  // Plain objects (what GET /__fault shows) plus the compiled regex.
  let pending = [];
  let seen = {};

  // The browser sets faults with fetch from the app's origin, so the control endpoint (and
  // the injected 500) must pass CORS with credentials like the real server does.
  function corsHeaders(req) {
    if (!req.headers.origin) return {};
    return {
      'access-control-allow-origin': req.headers.origin,
      'access-control-allow-credentials': 'true',
      vary: 'Origin',
    };
  }

  function sendJson(req, res, status, body) {
    const data = Buffer.from(JSON.stringify(body));
    res.writeHead(status, {
      ...corsHeaders(req),
      'content-type': 'application/json',
      'content-length': data.length,
      'cache-control': 'no-store',
    });
    res.end(data);
  }

  function readBody(req) {
    return new Promise((resolve, reject) => {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks)));
      req.on('error', reject);
    });
  }

  function parseFault(f) {
    if (!f || typeof f !== 'object' || Array.isArray(f)) throw new Error('a fault is an object');
    if (!MODES.includes(f.mode)) throw new Error(`mode must be one of ${MODES.join(', ')}`);
    const count = f.count === undefined ? 1 : f.count;
    if (!Number.isInteger(count) || count < 1) throw new Error('count must be a positive integer');
    const ms = f.ms === undefined ? (f.mode === 'delay' ? 1000 : 0) : f.ms;
    if (typeof ms !== 'number' || !(ms >= 0)) throw new Error('ms must be a number >= 0');
    if (f.path !== undefined && typeof f.path !== 'string') throw new Error('path must be a string');
    const re = f.path === undefined ? null : new RegExp(f.path); // throws on a bad regex
    const fault = { mode: f.mode, count, ms };
    if (f.path !== undefined) fault.path = f.path;
    return { fault, re };
  }

  async function control(req, res) {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        ...corsHeaders(req),
        'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
        'access-control-allow-headers': 'content-type, authorization',
        'access-control-max-age': '600',
      });
      return res.end();
    }
    if (req.method === 'GET') return sendJson(req, res, 200, { pending: pending.map((p) => p.fault), seen });
    if (req.method === 'DELETE') {
      pending = [];
      seen = {};
      return sendJson(req, res, 200, { ok: true });
    }
    if (req.method === 'POST') {
      let parsed;
      try {
        const body = JSON.parse((await readBody(req)).toString('utf8'));
        // One fault or a list of them, queued in order.
        parsed = (Array.isArray(body) ? body : [body]).map(parseFault);
      } catch (e) {
        return sendJson(req, res, 400, { error: 'bad_request', reason: e.message });
      }
      pending.push(...parsed);
      return sendJson(req, res, 201, { ok: true, pending: pending.map((p) => p.fault) });
    }
    return sendJson(req, res, 405, { error: 'method_not_allowed', reason: 'GET, POST, DELETE' });
  }

  // The first queued fault whose regex matches the request's path (with its query string)
  // takes this request; it is used up after `count` requests.
  function takeFault(req) {
    const i = pending.findIndex((p) => !p.re || p.re.test(req.url));
    if (i < 0) return null;
    const p = pending[i];
    p.fault.count -= 1;
    if (p.fault.count === 0) pending.splice(i, 1);
    seen[p.fault.mode] = (seen[p.fault.mode] || 0) + 1;
    return p.fault;
  }

  function upstreamHeaders(req, body) {
    const headers = {};
    for (const [k, v] of Object.entries(req.headers)) {
      // `expect: 100-continue` was answered here already; the body is in hand.
      if (!HOP_BY_HOP.includes(k) && k !== 'expect') headers[k] = v;
    }
    headers.host = base.host;
    // The body was read whole, so it goes on with a length even if it came chunked.
    if (body.length > 0 || 'content-length' in req.headers) headers['content-length'] = body.length;
    return headers;
  }

  // Sends the request to the target; resolves with the response (its body still unread).
  function forward(req, body, { half = false, signal } = {}) {
    return new Promise((resolve, reject) => {
      const up = http.request({
        host: base.hostname,
        port: base.port || 80,
        method: req.method,
        path: basePath + req.url,
        headers: upstreamHeaders(req, body),
        agent,
        signal,
      });
      up.on('response', resolve);
      up.on('error', reject);
      if (half) {
        // Only the first half of the body, then the connection goes away.
        up.flushHeaders();
        up.write(body.subarray(0, Math.floor(body.length / 2)), () => {
          setTimeout(() => {
            up.destroy();
            resolve(null);
          }, 50);
        });
      } else {
        up.end(body);
      }
    });
  }

  function drain(upRes) {
    return new Promise((resolve) => {
      upRes.on('end', resolve);
      upRes.on('error', resolve);
      upRes.resume();
    });
  }

  function relay(req, res, upRes) {
    const headers = {};
    for (const [k, v] of Object.entries(upRes.headers)) {
      if (!HOP_BY_HOP.includes(k)) headers[k] = v;
    }
    res.writeHead(upRes.statusCode, upRes.statusMessage, headers);
    // An answer the server breaks off is broken off to the client too, not left hanging.
    upRes.on('error', () => res.destroy());
    upRes.pipe(res);
  }

  function badGateway(req, res, err) {
    if (res.headersSent || req.socket.destroyed) return req.socket.destroy();
    sendJson(req, res, 502, { error: 'bad_gateway', reason: String(err && err.message) });
  }

  async function proxy(req, res) {
    // Preflights are forwarded untouched and never use up a fault: a browser sends them on
    // its own, and a test counts the requests its code makes.
    const fault = req.method === 'OPTIONS' ? null : takeFault(req);
    if (fault && fault.mode === 'drop' && !fault.ms) return req.socket.destroy();
    let body;
    try {
      body = await readBody(req);
    } catch (e) {
      return req.socket.destroy();
    }
    if (fault && fault.ms) await new Promise((r) => setTimeout(r, fault.ms));
    if (req.socket.destroyed) return; // the client gave up while we waited
    // A client that goes away (a cancelled longpoll, say) takes its upstream request along,
    // even one still waiting for the server's first byte.
    const gone = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    const opts = { signal: gone.signal };
    try {
      switch (fault && fault.mode) {
        case 'drop':
          return req.socket.destroy();
        case 'error':
          return sendJson(req, res, 500, { error: 'fault', reason: 'injected' });
        case 'duplicate': {
          // Delivered twice: the server sees both, the client hears the second answer.
          await drain(await forward(req, body, opts));
          return relay(req, res, await forward(req, body, opts));
        }
        case 'cut-after': {
          // The server does all the work; the answer is lost on the way back.
          await drain(await forward(req, body, opts));
          return req.socket.destroy();
        }
        case 'cut-mid': {
          await forward(req, body, { ...opts, half: true }).catch(() => null);
          return req.socket.destroy();
        }
        default: // no fault, or 'delay' (already waited)
          return relay(req, res, await forward(req, body, opts));
      }
    } catch (e) {
      return badGateway(req, res, e);
    }
  }

  const server = http.createServer((req, res) => {
    // No connection is used twice. A browser silently resends a request whose reused
    // keep-alive connection closed without an answer (Chromium does, even a POST), which would
    // hide `drop` and `cut-*` from the code under test; on a fresh connection it reports the
    // failure. Loopback connections cost next to nothing.
    res.setHeader('connection', 'close');
    const pathname = req.url.split('?')[0];
    const handler = pathname === '/__fault' ? control : proxy;
    handler(req, res).catch((e) => badGateway(req, res, e));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.removeListener('error', reject);
      resolve(server);
    });
  });
}

module.exports = { start, MODES };

if (require.main === module) {
  const [port, target] = process.argv.slice(2);
  if (!port || !target) {
    console.error('usage: node fault-proxy.js PORT TARGET_URL');
    process.exit(2);
  }
  start({ port: Number(port), target }).then(
    (server) => {
      console.log(`fault proxy on http://127.0.0.1:${server.address().port}`);
      const stop = () => {
        server.close(() => process.exit(0));
        server.closeAllConnections();
      };
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
    },
    (e) => {
      console.error(`fault proxy: ${e.message}`);
      process.exit(1);
    },
  );
}
