/**
 * The MitID app's service worker. Rules:
 * - caches the shell (/app) and the app's own files when it installs, one cache per build;
 * - the shell is fetched from the network first (it carries the language), the cache when offline;
 * - the app's files come from the cache first (the build's version changes when any of them does);
 * - never touches /api/: requests, approvals and codes always go to the server, never to a cache.
 */
const BUILD = { version: 'dev', assets: ['/app'] };
const CACHE = `mitid-app-${BUILD.version}`;
const cached = new Set(BUILD.assets);

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // cache: 'reload' skips the HTTP cache, so a new build never stores an old file.
      await cache.addAll(BUILD.assets.map((url) => new Request(url, { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('mitid-app-') && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate' && (url.pathname === '/app' || url.pathname === '/app/')) {
    event.respondWith(networkFirst(request));
  } else if (cached.has(url.pathname)) {
    event.respondWith(cacheFirst(request, url.pathname));
  }
});

async function networkFirst(request) {
  try {
    const response = await fetch(request);
    if (response.ok) {
      const cache = await caches.open(CACHE);
      await cache.put('/app', response.clone());
    }
    return response;
  } catch (err) {
    const fallback = await caches.match('/app');
    if (fallback) return fallback;
    throw err;
  }
}

async function cacheFirst(request, path) {
  const hit = await caches.match(path);
  if (hit) return hit;
  return fetch(request);
}
