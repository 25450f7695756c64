/** /metrics answers only as METRICS says: open in development, else off, or behind a token. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeTestApp } from './testing/makeTestApp.ts';

const TOKEN = 'metrics-token-for-tests-0123456789abcdef';

test('with DEV_PAGES=true (the default) /metrics is open', async () => {
  const app = await makeTestApp();
  const res = await app.inject('/metrics');
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /http_requests_total/);
});

test('with DEV_PAGES=false and no token /metrics does not exist', async () => {
  const app = await makeTestApp([], { DEV_PAGES: 'false' });
  const res = await app.inject('/metrics');
  assert.equal(res.statusCode, 404);
  assert.doesNotMatch(res.body, /http_requests_total|process_cpu/);
});

test('METRICS=off turns it off even with DEV_PAGES=true', async () => {
  const app = await makeTestApp([], { METRICS: 'off' });
  assert.equal((await app.inject('/metrics')).statusCode, 404);
});

test('with a token, /metrics answers only to that bearer token', async () => {
  const app = await makeTestApp([], { DEV_PAGES: 'false', METRICS_TOKEN: TOKEN });
  for (const authorization of [
    undefined,
    'Bearer wrong',
    `Basic ${TOKEN}`,
    `Bearer ${TOKEN}x`,
    `Bearer ${TOKEN.slice(1)}`,
  ]) {
    const res = await app.inject({ url: '/metrics', headers: authorization ? { authorization } : {} });
    assert.equal(res.statusCode, 401, String(authorization));
    assert.equal(res.headers['www-authenticate'], 'Bearer realm="metrics"');
    assert.doesNotMatch(res.body, /http_requests_total/);
  }
  const ok = await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
  assert.equal(ok.statusCode, 200);
  assert.match(ok.body, /http_requests_total/);
});
