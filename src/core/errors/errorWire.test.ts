/**
 * The error answers of the MitID catalogue, one shape per audience, through a real Fastify app
 * (createApp with the catalogue, as the composition root makes it): HTML pages, canonical JSON,
 * the app protocol's and the RA API's JSON, and RFC 6749's OAuth errors. An unexposed code is shown
 * as its publicAs; an unknown throw is ERR_INTERNAL with a reference and nothing of its internals.
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { loadConfig } from '../../config/config.ts';
import { httpSettings } from '../../config/httpSettings.ts';
import { t } from '../../i18n/catalogue.ts';
import { createApp } from '../../platform/http/createApp.ts';
import { MitidError } from '../../platform/http/errors.ts';
import { useErrors } from '../../platform/http/errorWire.ts';
import { loggerOptions } from '../../platform/http/logging.ts';
import { IdentityError, identityRefusal } from '../identity/index.ts';
import { type ErrorCode, mitidErrorCatalogue, refuse } from './index.ts';

const SECRET = 'secret internals at /srv/db 010190-1234';
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function makeApp(logLines: string[] = []): Promise<FastifyInstance> {
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logLines.push(String(chunk));
      cb();
    },
  });
  const app = await createApp({
    site: 'mitid',
    origin: 'http://localhost:3000',
    cookieKey: 'k'.repeat(32),
    logLevel: 'info',
    formActionOrigins: [],
    ready: async () => {},
    logger: pino(loggerOptions('info', 'test'), sink),
    errors: mitidErrorCatalogue([identityRefusal]),
    ...httpSettings(loadConfig({})),
  });
  /** GET <prefix>/<code>: throws that refusal (details from the query); /boom throws anything else. */
  const routes = (scope: FastifyInstance, prefix: string) => {
    scope.get(`${prefix}/boom`, async () => {
      throw new Error(SECRET);
    });
    scope.get(`${prefix}/reserved`, async () => {
      throw new IdentityError('userIdReserved');
    });
    scope.get(`${prefix}/unknown-code`, async () => {
      throw new MitidError('ERR_NO_SUCH_CODE');
    });
    scope.get(`${prefix}/:code`, async (req) => {
      const q = req.query as Record<string, string>;
      const details = {
        ...(q.attemptsLeft ? { attemptsLeft: Number(q.attemptsLeft) } : {}),
        ...(q.field ? { field: q.field } : {}),
      };
      throw refuse((req.params as { code: ErrorCode }).code, details);
    });
  };
  routes(app, '/page');
  routes(app, '/api/plain');
  await app.register(
    async (s) => {
      useErrors(s, 'app/v1', { realm: 'test-realm', notFound: true });
      routes(s, '');
    },
    { prefix: '/api/app/v1' },
  );
  await app.register(async (s) => {
    useErrors(s, 'ra/v1', { realm: 'mitid-ra' });
    routes(s, '/api/ra/v1');
  });
  await app.register(async (s) => {
    useErrors(s, 'oauth', { realm: 'nemid' });
    routes(s, '/token');
  });
  return app;
}

test('HTML: the page in the page language, with the code and the reference', async () => {
  const app = await makeApp();
  const res = await app.inject('/page/ERR_FLOW_EXPIRED');
  assert.equal(res.statusCode, 410);
  assert.match(String(res.headers['content-type']), /text\/html/);
  assert.equal(res.headers['cache-control'], 'no-store');
  assert.match(res.body, /Fejlkode: ERR_FLOW_EXPIRED/);
  assert.ok(res.body.includes(t('da', 'error.ERR_FLOW_EXPIRED')));
  assert.match(res.body, /referencen [0-9a-f-]{36}/);
  const en = await app.inject('/page/ERR_FLOW_EXPIRED?lang=en');
  assert.ok(en.body.includes(t('en', 'error.ERR_FLOW_EXPIRED')));
});

test('JSON: { error, message, reference }, no-store, Content-Language from Accept-Language (Danish default)', async () => {
  const app = await makeApp();
  const da = await app.inject('/api/plain/ERR_FLOW_EXPIRED');
  assert.equal(da.statusCode, 410);
  assert.equal(da.headers['cache-control'], 'no-store');
  assert.equal(da.headers['content-language'], 'da');
  const body = da.json();
  assert.deepEqual(Object.keys(body).sort(), ['error', 'message', 'reference']);
  assert.equal(body.error, 'ERR_FLOW_EXPIRED');
  assert.equal(body.message, t('da', 'error.ERR_FLOW_EXPIRED'));
  assert.match(body.reference, uuid);
  const en = await app.inject({
    url: '/api/plain/ERR_FLOW_EXPIRED',
    headers: { 'accept-language': 'en-GB,da;q=0.5' },
  });
  assert.equal(en.headers['content-language'], 'en');
  assert.equal(en.json().message, t('en', 'error.ERR_FLOW_EXPIRED'));
});

test('app/v1: the protocol names, statuses and texts; only the allowed details; challenges', async () => {
  const app = await makeApp();
  const pin = await app.inject('/api/app/v1/ERR_PIN_WRONG?attemptsLeft=2&field=x');
  assert.equal(pin.statusCode, 400);
  const { reference, ...rest } = pin.json();
  assert.match(reference, uuid);
  assert.deepEqual(rest, { error: 'wrong_pin', message: t('da', 'app.error.wrong_pin'), attemptsLeft: 2 });

  const bad = await app.inject('/api/app/v1/ERR_BAD_REQUEST');
  assert.equal(bad.json().message, t('da', 'app.error.invalid_request'), 'the app keeps its texts');

  // A code the app protocol has no name for is answered as the generic code of its class.
  const flow = await app.inject('/api/app/v1/ERR_FLOW_EXPIRED');
  assert.equal(flow.statusCode, 400);
  assert.equal(flow.json().error, 'invalid_request');
  const missing = await app.inject('/api/app/v1/no/such/path');
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.json().error, 'not_found');

  const device = await app.inject('/api/app/v1/ERR_DEVICE_SIGNATURE');
  assert.equal(device.statusCode, 401);
  assert.equal(device.headers['www-authenticate'], 'MitID-Device');
  const client = await app.inject('/api/app/v1/ERR_INVALID_CLIENT');
  assert.equal(client.json().error, 'invalid_client');
  assert.equal(client.headers['www-authenticate'], 'Basic realm="test-realm"');
});

test("ra/v1: its names with a message in the person's language; other codes as ERR_*", async () => {
  const app = await makeApp();
  const res = await app.inject({
    url: '/api/ra/v1/ERR_UNKNOWN_PERSON',
    headers: { 'accept-language': 'en' },
  });
  assert.equal(res.statusCode, 422);
  assert.equal(res.json().error, 'unknown_person');
  assert.equal(res.json().message, t('en', 'error.ERR_UNKNOWN_PERSON'));
  const already = await app.inject('/api/ra/v1/ERR_ALREADY_HAS_MITID');
  assert.deepEqual([already.statusCode, already.json().error], [409, 'already_enrolled']);
  const client = await app.inject('/api/ra/v1/ERR_INVALID_CLIENT');
  assert.equal(client.headers['www-authenticate'], 'Basic realm="mitid-ra"');
  const limited = await app.inject('/api/ra/v1/ERR_RATE_LIMITED');
  assert.deepEqual([limited.statusCode, limited.json().error], [429, 'ERR_RATE_LIMITED']);
});

test('oauth: RFC 6749 { error } only, never cached', async () => {
  const app = await makeApp();
  const res = await app.inject('/token/ERR_GRANT_INVALID');
  assert.equal(res.statusCode, 400);
  assert.deepEqual(res.json(), { error: 'invalid_grant' });
  assert.equal(res.headers['cache-control'], 'no-store');
  assert.equal(res.headers.pragma, 'no-cache');
  const client = await app.inject('/token/ERR_INVALID_CLIENT');
  assert.deepEqual([client.statusCode, client.json()], [401, { error: 'invalid_client' }]);
  assert.equal(client.headers['www-authenticate'], 'Basic realm="nemid"');
  const boom = await app.inject('/token/boom');
  assert.deepEqual([boom.statusCode, boom.json()], [500, { error: 'server_error' }]);
});

test('an unexposed code is shown as its publicAs, and logged as itself', async () => {
  const lines: string[] = [];
  const app = await makeApp(lines);
  for (const url of ['/api/plain/reserved', '/api/plain/ERR_USER_ID_RESERVED']) {
    const res = await app.inject(url);
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().error, 'ERR_USER_ID_TAKEN');
    assert.equal(res.json().message, t('da', 'error.ERR_USER_ID_TAKEN'));
    assert.doesNotMatch(res.body, /RESERVED|NemID/);
  }
  const page = await app.inject('/page/reserved');
  assert.match(page.body, /ERR_USER_ID_TAKEN/);
  assert.doesNotMatch(page.body, /RESERVED/);
  assert.ok(
    lines.some((l) => /"code":"ERR_USER_ID_RESERVED"/.test(l)),
    'the log names the real code',
  );
});

test('an unknown throw is ERR_INTERNAL with a reference, and nothing of the error in any answer', async () => {
  const lines: string[] = [];
  const app = await makeApp(lines);
  const cases: [string, number, string][] = [
    ['/page/boom', 500, 'ERR_INTERNAL'],
    ['/api/plain/boom', 500, 'ERR_INTERNAL'],
    ['/api/app/v1/boom', 500, 'server_error'],
    ['/api/ra/v1/boom', 500, 'ERR_INTERNAL'],
    ['/api/plain/unknown-code', 500, 'ERR_INTERNAL'],
  ];
  for (const [url, status, code] of cases) {
    const res = await app.inject(url);
    assert.equal(res.statusCode, status, url);
    assert.ok(res.body.includes(code), url);
    assert.doesNotMatch(res.body, /secret|\/srv\/db|010190|at .*\.ts|Error:|NO_SUCH/, url);
    if (url.startsWith('/api/')) {
      const body = res.json();
      assert.match(body.reference, uuid, url);
      assert.deepEqual(Object.keys(body).sort(), ['error', 'message', 'reference'], url);
      // The reference is the log line's request id, where the stack is.
      const logged = lines.find((l) => l.includes(body.reference) && /"level":50/.test(l));
      assert.ok(logged, `${url}: the failure is logged under its reference`);
    }
  }
});
