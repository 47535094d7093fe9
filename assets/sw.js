// cs-metrics service worker. The release build's post_build hook (scripts/sw-precache.mjs)
// replaces the two placeholders below with the list of every built file and a version hashed
// from their contents, so each build gets its own cache and old caches are deleted.
const VERSION = "__CS_METRICS_VERSION__";
const PRECACHE = __CS_METRICS_PRECACHE__;
const CACHE = `cs-metrics-${VERSION}`;

self.addEventListener("install", (event) => {
  // Paths are relative to this file, so the app works under any sub-path.
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("cs-metrics-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// The page asks a waiting worker to take over when the user clicks "Reload".
self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "cs-metrics:skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // The app shell: the cached page for any query string (?calc=…), the network if missing.
    event.respondWith(
      caches
        .open(CACHE)
        .then((cache) => cache.match(new URL("./index.html", self.location).href))
        .then((cached) => cached || fetch(request)),
    );
    return;
  }
  event.respondWith(caches.match(request, { cacheName: CACHE }).then((cached) => cached || fetch(request)));
});
