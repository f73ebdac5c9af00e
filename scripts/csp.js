// Writes the page's Content-Security-Policy into dist/index.html (run by post-build.sh, before
// the per-page copies are made). A <meta http-equiv> works on any static host. Inline scripts
// (the offline worker's registration, Trunk's module loader) are allowed by their hashes, so an
// injected <script> or an onerror= attribute never runs. docs/security.md explains each part.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');

const file = process.argv[2];
let html = fs.readFileSync(file, 'utf8');
if (/http-equiv=["']?Content-Security-Policy/i.test(html)) {
  throw new Error('csp.js: index.html already has a Content-Security-Policy');
}
const hashes = [];
for (const [, attrs, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
  if (/\bsrc\s*=/i.test(attrs)) continue;
  hashes.push(`'sha256-${crypto.createHash('sha256').update(body, 'utf8').digest('base64')}'`);
}
if (hashes.length === 0) throw new Error('csp.js: no inline script found (the loader moved?)');
// Inline handlers (onclick=…) would need 'unsafe-hashes'; the app has none, Leptos adds listeners.
const loopback = 'http://127.0.0.1:* http://localhost:* ws://127.0.0.1:* ws://localhost:*';
const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`,
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  // The app's own files, a sync server the user names (https), and loopback for tests and
  // `trunk serve`'s reload socket.
  `connect-src 'self' https: ${loopback}`,
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');
const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
const charset = /<meta charset=["']?utf-8["']?\s*\/?>/i;
if (!charset.test(html)) throw new Error('csp.js: index.html lacks <meta charset="utf-8">');
html = html.replace(charset, (m) => `${m}${meta}`);
fs.writeFileSync(file, html);
