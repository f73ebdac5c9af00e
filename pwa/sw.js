// The offline worker. scripts/offline.js puts `VERSION` (a hash of every file of the build)
// and `FILES` ([address relative to this file, sha384] of each) above this text. Each version keeps its
// own cache, filled completely before it may take over, and serves only from it: a page is
// always one whole release, never old and new files mixed. A new version waits until the
// page's "reload" prompt sends 'skip-waiting' (or every tab of the app is closed).
/* global VERSION, FILES */
'use strict';
const SCOPE = self.registration.scope;
// One origin may host several copies of the app under different paths: caches are named by scope.
const PREFIX = 'kehu-weihu ' + SCOPE + ' ';
const CACHE = PREFIX + VERSION;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      // 'reload': straight from the host, never a stale copy from the HTTP cache; integrity:
      // a file of another release (a host half-way through publishing) fails the install,
      // which the browser tries again on a later visit.
      cache.addAll(FILES.map(([file, integrity]) => new Request(new URL(file, SCOPE), { cache: 'reload', integrity }))),
    ),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k)))),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(SCOPE)) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      if (request.mode === 'navigate') {
        // A page's address with a query (customer/?id=…) is that page; without its final
        // slash it is sent to the slash, as the host would (its <base> is relative).
        const url = new URL(request.url);
        const search = url.search;
        url.search = '';
        url.hash = '';
        if (!url.pathname.endsWith('/') && (await cache.match(url.href + '/'))) {
          return Response.redirect(url.href + '/' + search, 301);
        }
        const page = await cache.match(url.href);
        if (page) return page;
      } else {
        const file = await cache.match(request);
        if (file) return file;
      }
      // Not part of the app (or the cache was cleared): the network, as without a worker.
      return fetch(request);
    })(),
  );
});
