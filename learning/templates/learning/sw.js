/* Service worker of the portal (rendered by learning/offline.py). Caches public files
   only: the certificate check page and what it needs, so a certificate can be checked
   without a connection once that page has been opened. */
"use strict";
var VERSION = "{{ version|escapejs }}";
var PUBLIC_CACHE = "public-" + VERSION;
var PUBLIC_FILES = {{ files|safe }};
var OFFLINE_PAGE = {{ offline_page|safe }};
var CERTIFICATE_PREFIXES = {{ certificate_prefixes|safe }};
var NETWORK_FIRST = {{ network_first|safe }};

self.addEventListener("install", function (event) {
  event.waitUntil(
    // Fetched without cookies: what is kept is what any anonymous visitor sees.
    caches.open(PUBLIC_CACHE).then(function (cache) {
      return cache.addAll(PUBLIC_FILES.map(function (url) {
        return new Request(url, { credentials: "omit" });
      }));
    })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("public-") === 0 && name !== PUBLIC_CACHE;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function networkFirst(request) {
  return fetch(request).then(function (response) {
    if (response.ok) {
      var copy = response.clone();
      caches.open(PUBLIC_CACHE).then(function (cache) { cache.put(request, copy); });
    }
    return response;
  }).catch(function () {
    return caches.match(request, { ignoreSearch: true }).then(function (cached) {
      return cached || Response.error();
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (NETWORK_FIRST.indexOf(url.pathname) !== -1) {
    event.respondWith(networkFirst(request));
    return;
  }
  if (request.mode === "navigate") {
    var certificate = CERTIFICATE_PREFIXES.some(function (prefix) {
      return url.pathname.indexOf(prefix) === 0;
    });
    if (certificate) {
      // The signed payload is after "#": the cached check page reads it offline.
      event.respondWith(fetch(request).catch(function () {
        return caches.match(OFFLINE_PAGE).then(function (cached) { return cached || Response.error(); });
      }));
    }
    return;
  }
  if (PUBLIC_FILES.indexOf(url.pathname) !== -1) {
    event.respondWith(caches.match(request).then(function (cached) {
      return cached || fetch(request);
    }));
  }
});
