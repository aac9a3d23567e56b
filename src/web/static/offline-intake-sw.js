/* global self, caches, fetch, setTimeout, clearTimeout, Response, URL */
// Service worker of the offline reception page (issue 17 item 6). Served at
// /can-bo/tiep-nhan-ngoai-tuyen-sw.js with the scope /can-bo/tiep-nhan-ngoai-tuyen: it caches the
// page, its script and style, the manifest and the procedure catalogue, and answers them from the
// cache when the network is down (network first, so an online officer always gets the current
// page and catalogue). Nothing else is intercepted: the sync's POST goes to the network or fails.
var CACHE = 'offline-intake-v1';
var PAGE = '/can-bo/tiep-nhan-ngoai-tuyen';
var ASSETS = [
  PAGE,
  '/static/offline-intake.js',
  '/static/offline-intake.css',
  '/static/site.css',
  '/static/offline-intake-icon.svg',
  '/can-bo/tiep-nhan-ngoai-tuyen.webmanifest',
  '/api/v1/offline-intake/catalogue',
];
var TIMEOUT_MS = 6000;

self.addEventListener('install', function (event) {
  event.waitUntil(
    caches
      .open(CACHE)
      .then(function (cache) {
        return Promise.all(
          ASSETS.map(function (url) {
            return fetch(url, { credentials: 'same-origin', cache: 'no-store' })
              .then(function (res) {
                if (res.ok && !res.redirected) return cache.put(url, res);
              })
              .catch(function () {});
          }),
        );
      })
      .then(function () {
        return self.skipWaiting();
      }),
  );
});

self.addEventListener('activate', function (event) {
  event.waitUntil(
    caches
      .keys()
      .then(function (keys) {
        return Promise.all(
          keys
            .filter(function (k) {
              return k.indexOf('offline-intake-') === 0 && k !== CACHE;
            })
            .map(function (k) {
              return caches.delete(k);
            }),
        );
      })
      .then(function () {
        return self.clients.claim();
      }),
  );
});

function networkFirst(request, key) {
  return caches.open(CACHE).then(function (cache) {
    var network = fetch(request).then(function (res) {
      // A redirect (the session expired: the login page) or an error is not kept.
      if (res.ok && !res.redirected && res.type === 'basic') cache.put(key, res.clone());
      return res;
    });
    var timer;
    var late = new Promise(function (resolve) {
      timer = setTimeout(function () {
        cache.match(key).then(function (hit) {
          if (hit) resolve(hit);
        });
      }, TIMEOUT_MS);
    });
    return Promise.race([network, late])
      .then(function (res) {
        clearTimeout(timer);
        return res;
      })
      .catch(function () {
        clearTimeout(timer);
        return cache.match(key).then(function (hit) {
          return hit || Response.error();
        });
      });
  });
}

self.addEventListener('fetch', function (event) {
  var req = event.request;
  if (req.method !== 'GET') return;
  var url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (ASSETS.indexOf(url.pathname) < 0) return;
  event.respondWith(networkFirst(req, url.pathname));
});
