/**
 * The MitID app as an installable web app: the shell on a phone, its manifest and icons, the
 * service worker (the shell works offline; nothing under /api is ever cached) and the CSP that
 * lets only the app's own page compile OPAQUE's WebAssembly.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BrowserContext } from 'playwright-core';
import { expectAccessible } from '../support/browser.ts';
import { useRunningSystem } from '../support/running.ts';

const env = useRunningSystem();

const phone = (locale = 'da-DK'): Promise<BrowserContext> =>
  env.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale });

describe('the MitID app shell', () => {
  test('CSP: only the app may compile WebAssembly; inline scripts stay forbidden everywhere', async () => {
    const app = await fetch(`${env.system.mitidUrl}/app`);
    assert.equal(app.status, 200);
    const csp = app.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval';/);
    assert.doesNotMatch(csp, /unsafe-inline|'unsafe-eval'/);
    const front = await fetch(`${env.system.mitidUrl}/`);
    assert.match(front.headers.get('content-security-policy') ?? '', /script-src 'self';/);
  });

  test('the manifest names MitID, starts at /app, stands alone, and its icons load', async () => {
    const res = await fetch(`${env.system.mitidUrl}/app/manifest.webmanifest`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /application\/manifest\+json/);
    const manifest = (await res.json()) as {
      name: string;
      start_url: string;
      display: string;
      scope: string;
      icons: { src: string; type: string; sizes: string }[];
    };
    assert.equal(manifest.name, 'MitID');
    assert.equal(manifest.start_url, '/app');
    assert.equal(manifest.display, 'standalone');
    assert.equal(manifest.scope, '/app');
    assert.deepEqual(manifest.icons.map((i) => i.type).sort(), [
      'image/png',
      'image/png',
      'image/png',
      'image/svg+xml',
    ]);
    for (const icon of manifest.icons) {
      const r = await fetch(new URL(icon.src, env.system.mitidUrl));
      assert.equal(r.status, 200, icon.src);
      assert.equal(r.headers.get('content-type')?.split(';')[0], icon.type, icon.src);
    }
  });

  test('on a phone: the welcome with the guide’s advice, the service worker, and the shell offline', async () => {
    const context = await phone();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${env.system.mitidUrl}/app`);
    await page.getByRole('heading', { name: 'Velkommen til MitID app' }).waitFor();
    await expectAccessible(page);
    const main = await page.locator('main').innerText();
    assert.match(main, /Find en god plads til MitID app/);
    assert.match(main, /installer MitID app på flere enheder/);
    assert.match(main, /Du skal selv åbne appen/);
    assert.match(main, /Tjek, at teksten svarer til det, du ønsker at gøre/);
    assert.match(main, /swipe fra venstre mod højre/);
    assert.equal(
      await page.locator('link[rel="manifest"]').getAttribute('href'),
      '/app/manifest.webmanifest',
    );

    const worker = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.ready;
      return { script: reg.active?.scriptURL, scope: reg.scope };
    });
    assert.equal(worker.script, `${env.system.mitidUrl}/app/sw.js`);
    assert.equal(worker.scope, `${env.system.mitidUrl}/app`);
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) {
        for (const req of await (await caches.open(name)).keys()) urls.push(new URL(req.url).pathname);
      }
      return urls;
    });
    for (const url of ['/app', '/app/static/main.js', '/app/static/app.css', '/app/vendor/opaque.js']) {
      assert.ok(cached.includes(url), `${url} is cached`);
    }
    assert.ok(!cached.some((u) => u.startsWith('/api/')), 'nothing under /api is cached');

    // Offline, the shell still opens from the cache.
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: 'Velkommen til MitID app' }).waitFor();
    await context.setOffline(false);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('in English, every activation screen passes axe, and the client checks come first', async () => {
    const context = await phone('en-GB');
    const page = await context.newPage();
    await page.goto(`${env.system.mitidUrl}/app?lang=en`);
    await page.getByRole('heading', { name: 'Welcome to the MitID app' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'I have the MitID app on another device' }).click();
    await page.getByRole('heading', { name: 'Enter your user ID' }).waitFor();
    await page.getByRole('button', { name: 'CONTINUE' }).click();
    await page.getByRole('link', { name: 'Enter your user ID.' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('textbox', { name: 'User ID' }).fill('Somebody');
    await page.getByRole('button', { name: 'CONTINUE' }).click();
    await page.getByRole('heading', { name: 'Add from another device' }).waitFor();
    await page.getByRole('textbox', { name: 'Transfer code' }).fill('12');
    await page.getByRole('button', { name: 'CONTINUE' }).click();
    await page.getByRole('link', { name: /Enter the 8-digit transfer code/ }).waitFor();
    assert.equal(
      await page.getByRole('textbox', { name: 'Transfer code' }).getAttribute('aria-invalid'),
      'true',
    );
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('heading', { name: 'Welcome to the MitID app' }).waitFor();
    await context.close();
  });
});
