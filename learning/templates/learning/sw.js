/* Service worker of the portal (rendered by learning/offline.py).
   - "public-<version>": public files fetched without cookies (the certificate check
     page and what it needs), so a certificate can be checked offline once visited;
   - "learner-offline": a course an enrolled learner chose to download (filled by
     static/js/offline-lessons.js, never for anonymous visitors, emptied on sign-out by
     Clear-Site-Data). Used only when the network fails: online, pages are fresh. */
"use strict";
var VERSION = "{{ version|escapejs }}";
var PUBLIC_CACHE = "public-" + VERSION;
var PUBLIC_FILES = {{ files|safe }};
var OFFLINE_PAGE = {{ offline_page|safe }};
var CERTIFICATE_PREFIXES = {{ certificate_prefixes|safe }};
var NETWORK_FIRST = {{ network_first|safe }};
var LEARNER_CACHE = "learner-offline";

function fromLearnerCache(request) {
  return caches.has(LEARNER_CACHE).then(function (exists) {
    if (!exists) { return undefined; }
    return caches.open(LEARNER_CACHE).then(function (cache) {
      return cache.match(request, { ignoreSearch: true, ignoreVary: true }).then(function (hit) {
        if (hit || request.destination !== "image") { return hit; }
        // An image asked at another width than the phone size kept: the kept one.
        var path = new URL(request.url).pathname;
        var stem = path.slice(0, path.lastIndexOf("/") + 1) + path.split("/").pop().split(".")[0] + ".";
        return cache.keys().then(function (keys) {
          var same = keys.filter(function (key) { return new URL(key.url).pathname.indexOf(stem) === 0; })[0];
          return same ? cache.match(same, { ignoreVary: true }) : undefined;
        });
      });
    });
  });
}

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
    return caches.match(request, { ignoreSearch: true, ignoreVary: true }).then(function (cached) {
      return cached || Response.error();
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  // The admin is never kept and never answered by the worker.
  if (/^\/(en\/)?(admin|django-admin)\//.test(url.pathname)) { return; }
  if (NETWORK_FIRST.indexOf(url.pathname) !== -1) {
    event.respondWith(networkFirst(request));
    return;
  }
  if (request.mode === "navigate") {
    var certificate = CERTIFICATE_PREFIXES.some(function (prefix) {
      return url.pathname.indexOf(prefix) === 0;
    });
    event.respondWith(fetch(request).catch(function () {
      return fromLearnerCache(request).then(function (kept) {
        if (kept) { return kept; }
        // The signed payload is after "#": the cached check page reads it offline.
        if (certificate) { return caches.match(OFFLINE_PAGE); }
        return undefined;
      }).then(function (response) { return response || Response.error(); });
    }));
    return;
  }
  if (PUBLIC_FILES.indexOf(url.pathname) !== -1) {
    event.respondWith(caches.match(request).then(function (cached) {
      return cached || fetch(request);
    }));
    return;
  }
  event.respondWith(fetch(request).catch(function () {
    return fromLearnerCache(request).then(function (kept) { return kept || Response.error(); });
  }));
});
