/**
 * The simulators in-process, against a stand-in stock: off (404) without DEV_PAGES; the list by
 * kind; the kodeviser's button shows the device's current code (page and JSON), only with the
 * CSRF token; an unknown serial, one of the other kind or a malformed one is a 404 page; English.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../../../config/config.ts';
import { TestClock } from '../../../platform/clock.ts';
import { makeTestApp } from '../../../platform/http/testing/makeTestApp.ts';
import { injectBrowser } from '../../../platform/oidc/testing/testOp.ts';
import { registerSimulators } from '../index.ts';
import { fakeCode, fakeStock } from './fakeStock.ts';

const csrfOf = (body: string): string => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';

async function app(devPages: boolean, clock = new TestClock('2026-11-24T09:00:07Z')) {
  const a = await makeTestApp();
  await registerSimulators(a, { config: loadConfig({ DEV_PAGES: String(devPages) }), clock }, fakeStock);
  return a;
}

test('with DEV_PAGES=false no simulator route exists', async () => {
  const a = await app(false);
  for (const url of [
    '/dev/enheder',
    '/dev/kodeviser/KV-100000001',
    '/static/code-device-simulator/simulator.js',
  ]) {
    assert.equal((await a.inject({ url })).statusCode, 404, url);
  }
  assert.equal((await a.inject({ method: 'POST', url: '/dev/kodeviser/KV-100000001' })).statusCode, 404);
  await a.close();
});

test('the list shows each kind with its serials, statuses and links', async () => {
  const a = await app(true);
  const res = await a.inject({ url: '/dev/enheder' });
  assert.equal(res.statusCode, 200);
  assert.match(
    res.body,
    /<h2>MitID kodeviser<\/h2>[\s\S]*KV-100000001[\s\S]*På lager[\s\S]*KV-100000002[\s\S]*Aktiveret/,
  );
  assert.match(res.body, /<h2>MitID kodeoplæser<\/h2>[\s\S]*href="\/dev\/kodeoplaeser\/KO-200000001"/);
  const en = await a.inject({ url: '/dev/enheder?lang=en' });
  assert.match(en.body, /MitID code display[\s\S]*In stock/);
  await a.close();
});

test("the kodeviser's button shows the device's current code, with the CSRF token only", async () => {
  const clock = new TestClock('2026-11-24T09:00:07Z');
  const a = await app(true, clock);
  const browser = injectBrowser(() => a);
  const page = await browser.get('/dev/kodeviser/KV-100000001');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Tryk på knappen/);
  assert.match(page.body, /Displayet er slukket/);
  assert.doesNotMatch(page.body, /data-sim-code/);

  const noCsrf = await browser.post('/dev/kodeviser/KV-100000001', {});
  assert.equal(noCsrf.statusCode, 403);
  assert.doesNotMatch(noCsrf.body, /\d{3} \d{3}/);

  const code = fakeCode('KV-100000001', clock.now().getTime()) ?? '';
  const pressed = await browser.post('/dev/kodeviser/KV-100000001', { _csrf: csrfOf(page.body) });
  assert.equal(pressed.statusCode, 200);
  assert.match(pressed.body, new RegExp(`data-sim-code="${code}"`));
  assert.match(pressed.body, new RegExp(`${code.slice(0, 3)} ${code.slice(3)}`));

  clock.advance(30_000);
  const json = await a.inject({
    method: 'POST',
    url: '/dev/kodeviser/KV-100000001',
    cookies: browser.cookies,
    headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrfOf(page.body) }).toString(),
  });
  assert.equal(json.statusCode, 200);
  assert.deepEqual(json.json(), { code: fakeCode('KV-100000001', clock.now().getTime()) });
  assert.equal(json.headers['cache-control'], 'no-store');
  await a.close();
});

test('an unknown, malformed or other-kind serial is a 404 page saying so, and gives no code', async () => {
  const a = await app(true);
  const browser = injectBrowser(() => a);
  const csrf = csrfOf((await browser.get('/dev/kodeviser/KV-100000001')).body);
  for (const url of [
    '/dev/kodeviser/KV-999999999',
    '/dev/kodeviser/KO-200000001',
    '/dev/kodeoplaeser/KV-100000001',
    '/dev/kodeviser/%3Cscript%3E',
  ]) {
    const got = await browser.get(url);
    assert.equal(got.statusCode, 404, url);
    assert.doesNotMatch(got.body, /<script>/);
    const posted = await browser.post(url, { _csrf: csrf });
    assert.equal(posted.statusCode, 404, url);
    assert.doesNotMatch(posted.body, /data-sim-code/);
  }
  assert.match(
    (await browser.get('/dev/kodeviser/KV-999999999')).body,
    /Der er ingen MitID kodeviser med serienummeret KV-999999999/,
  );
  await a.close();
});

test('the kodeoplæser page: real buttons, the aria-live region, in Danish and English', async () => {
  const a = await app(true);
  const da = await a.inject({ url: '/dev/kodeoplaeser/KO-200000001' });
  assert.equal(da.statusCode, 200);
  assert.match(da.body, /<button type="submit"[^>]*>Tryk på knappen<\/button>/);
  assert.match(da.body, /<button type="button"[^>]*data-sim-repeat>Gentag<\/button>/);
  assert.match(da.body, /<button type="button"[^>]*data-sim-slower>Langsommere<\/button>/);
  assert.match(da.body, /aria-live="polite"/);
  assert.match(da.body, /<script type="module" src="\/static\/code-device-simulator\/simulator.js">/);
  const en = await a.inject({ url: '/dev/kodeoplaeser/KO-200000001?lang=en' });
  assert.match(en.body, /<html lang="en"/);
  assert.match(en.body, />Repeat<\/button>[\s\S]*>Slower<\/button>/);
  const js = await a.inject({ url: '/static/code-device-simulator/simulator.js' });
  assert.equal(js.statusCode, 200);
  assert.match(String(js.headers['content-type']), /javascript/);
  await a.close();
});
