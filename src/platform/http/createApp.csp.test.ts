/** The CSP header, made once at start (createApp), on every answer: pages, errors, HTTPS. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pino } from 'pino';
import { loadConfig } from '../../config/config.ts';
import { httpSettings } from '../../config/httpSettings.ts';
import { createApp } from './createApp.ts';

const strict =
  "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;font-src 'self';" +
  "connect-src 'self';form-action 'self' http://127.0.0.1:3001;frame-ancestors 'none';" +
  "object-src 'none';base-uri 'self'";

const make = (origin: string, formActionOrigins = ['http://127.0.0.1:3001']) =>
  createApp({
    site: 'mitid',
    origin,
    cookieKey: 'k'.repeat(32),
    logLevel: 'silent',
    formActionOrigins,
    ready: async () => {},
    logger: pino({ level: 'silent' }),
    ...httpSettings(loadConfig({})),
  });

test('every answer carries the same strict CSP, with the other helmet headers', async () => {
  const app = await make('http://localhost:3000');
  app.get('/json', async () => ({ ok: true }));
  for (const url of ['/json', '/no-such-page', '/healthz', '/json']) {
    const res = await app.inject({ url });
    assert.equal(res.headers['content-security-policy'], strict, url);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['x-frame-options'], 'SAMEORIGIN');
    assert.equal(res.headers['referrer-policy'], 'same-origin');
    assert.equal(res.headers['strict-transport-security'], undefined);
  }
  await app.close();
});

test('over HTTPS the CSP also upgrades insecure requests, and HSTS is on', async () => {
  const app = await make('https://mitid.example');
  const res = await app.inject({ url: '/healthz' });
  assert.equal(res.headers['content-security-policy'], `${strict};upgrade-insecure-requests`);
  assert.equal(res.headers['strict-transport-security'], 'max-age=31536000; includeSubDomains');
  await app.close();
});

test('a form-action origin that would break the header is refused at start', async () => {
  await assert.rejects(make('http://localhost:3000', ['http://a.example; script-src *']), /form-action/);
});
