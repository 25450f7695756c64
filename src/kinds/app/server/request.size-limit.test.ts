/**
 * Bodies over a route's limit answer 413 in that API's error shape, never 400 or a stack trace:
 * the app protocol (32 KiB) with `request_too_large`, the other JSON APIs (64 KiB) and forms
 * (16 KiB) with ERR_PAYLOAD_TOO_LARGE.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type AppHarness, SERVICE_SECRET, startAppHarness } from './testing/appHarness.ts';

let h: AppHarness;
before(async () => {
  h = await startAppHarness();
});
after(() => h.close());

const json = (size: number): string => JSON.stringify({ userId: 'x', deviceName: 'y'.repeat(size) });
const basic = `Basic ${Buffer.from(`minbank:${SERVICE_SECRET}`).toString('base64')}`;

test('an app body just under 32 KiB is read; one over answers 413 request_too_large', async () => {
  const post = (payload: string) =>
    h.app.inject({
      method: 'POST',
      url: '/api/app/v1/activations',
      headers: { 'content-type': 'application/json', 'accept-language': 'en' },
      payload,
    });
  const under = await post(json(32 * 1024 - 100));
  assert.equal(under.statusCode, 400, 'read, and refused for its too long field');
  assert.equal(under.json().error, 'invalid_request');
  for (const size of [32 * 1024, 100 * 1024]) {
    const res = await post(json(size));
    assert.equal(res.statusCode, 413, String(size));
    assert.equal(res.json().error, 'request_too_large');
    assert.equal(res.json().message, 'The request is too large.');
    assert.equal(res.headers['content-language'], 'en');
  }
});

test('the service API answers 413 request_too_large too', async () => {
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/transactions',
    headers: { 'content-type': 'application/json', authorization: basic },
    payload: json(40 * 1024),
  });
  assert.equal(res.statusCode, 413);
  assert.equal(res.json().error, 'request_too_large');
});

test('the RA API and the NemID token endpoint answer 413 ERR_PAYLOAD_TOO_LARGE over 64 KiB', async () => {
  for (const url of ['/api/ra/v1/enrollments', '/nemid/token']) {
    const res = await h.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: basic },
      payload: json(70 * 1024),
    });
    assert.equal(res.statusCode, 413, url);
    assert.equal(res.json().error, 'ERR_PAYLOAD_TOO_LARGE', url);
  }
});

test('a form over 16 KiB answers 413 ERR_PAYLOAD_TOO_LARGE, not ERR_CSRF', async () => {
  const res = await h.app.inject({
    method: 'POST',
    url: '/nemid/login/x',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: `userId=${'a'.repeat(17 * 1024)}`,
  });
  assert.equal(res.statusCode, 413);
  assert.match(res.body, /ERR_PAYLOAD_TOO_LARGE/);
});
