// A plain static file server, like any static host: serves ../../dist under a sub-path
// (default /tools/crm/), index.html for directories, a redirect to add a missing trailing
// slash, and 404 for anything else. No SPA fallback: deep links must work without one.
// E2E_DIST serves another folder (the offline spec's copies of dist/, its "next release").
// E2E_GZIP=1 gzips (-9) what a browser accepts gzipped, as a static host would (the
// benchmark); E2E_EXTRA=name=file serves one more file at <prefix>name (the benchmark's floor page).
'use strict';
const http = require('node:http');
const zlib = require('node:zlib');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, process.env.E2E_DIST || '../../dist');
const prefix = process.env.E2E_BASE_PATH || '/tools/crm/';
const port = Number(process.env.E2E_PORT || 4173);
const gzip = process.env.E2E_GZIP === '1';
const zipped = new Map();
const [extraName, extraFile] = (process.env.E2E_EXTRA || '=').split('=');
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

http
  .createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const pathname = decodeURIComponent(url.pathname);
    if (pathname + '/' === prefix) {
      res.writeHead(301, { Location: prefix + url.search });
      return res.end();
    }
    if (!pathname.startsWith(prefix)) {
      res.writeHead(404);
      return res.end('not found');
    }
    let file = path.join(root, pathname.slice(prefix.length));
    if (extraName && pathname === prefix + extraName) file = path.resolve(extraFile);
    else if (!file.startsWith(root)) {
      res.writeHead(403);
      return res.end();
    }
    fs.stat(file, (err, stat) => {
      if (!err && stat.isDirectory()) {
        if (!pathname.endsWith('/')) {
          res.writeHead(301, { Location: pathname + '/' + url.search });
          return res.end();
        }
        file = path.join(file, 'index.html');
      }
      fs.readFile(file, (readErr, read) => {
        let body = read;
        if (readErr) {
          res.writeHead(404);
          return res.end('not found');
        }
        const type = types[path.extname(file)] || 'application/octet-stream';
        const headers = { 'Content-Type': type, 'Cache-Control': 'no-store' };
        if (gzip && !type.startsWith('image/png') && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
          const key = `${file}:${body.length}`;
          if (!zipped.has(key)) zipped.set(key, zlib.gzipSync(body, { level: 9 }));
          body = zipped.get(key);
          headers['Content-Encoding'] = 'gzip';
          headers.Vary = 'Accept-Encoding';
        }
        res.writeHead(200, headers);
        res.end(body);
      });
    });
  })
  .listen(port, '127.0.0.1', () => {
    console.log(`serving ${root} at http://127.0.0.1:${port}${prefix}`);
  });
