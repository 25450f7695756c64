import assert from 'node:assert/strict';
import { test } from 'node:test';
import { html } from '../html/html.ts';
import { refuse } from './errors.ts';
import { errorLines, makeTestApp } from './testing/makeTestApp.ts';

async function makeApp(logLines: string[] = []) {
  const app = await makeTestApp(logLines);
  app.get('/form', async (_req, reply) =>
    reply.page('Form', html`<form method="post"><input name="_csrf" value="${reply.generateCsrf()}"></form>`),
  );
  app.post('/form', async () => ({ ok: true }));
  app.get('/boom', async () => {
    throw new Error('secret internals at /srv/db 010190-1234');
  });
  app.get('/gone', async () => {
    throw refuse('ERR_FLOW_EXPIRED');
  });
  return app;
}

test('pages carry security headers and a strict CSP', async () => {
  const app = await makeApp();
  const res = await app.inject('/form');
  assert.equal(res.statusCode, 200);
  const csp = String(res.headers['content-security-policy']);
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.match(csp, /form-action 'self' http:\/\/127\.0\.0\.1:3001/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  assert.match(String(res.headers['content-type']), /text\/html/);
  assert.match(res.body, /<html lang="da"/);
});

test('a form post without a valid CSRF token is refused', async () => {
  const app = await makeApp();
  const res = await app.inject({ method: 'POST', url: '/form', payload: { a: '1' } });
  assert.equal(res.statusCode, 403);
  assert.match(res.body, /ERR_CSRF/);
});

test('a form post with the token and its cookie passes', async () => {
  const app = await makeApp();
  const get = await app.inject('/form');
  const token = /name="_csrf" value="([^"]+)"/.exec(get.body)?.[1] ?? '';
  const cookie = get.cookies.find((c) => c.name === '_csrf');
  assert.ok(cookie);
  const res = await app.inject({
    method: 'POST',
    url: '/form',
    payload: { _csrf: token },
    cookies: { _csrf: cookie.value },
  });
  assert.equal(res.statusCode, 200);
});

test('an unexpected error shows a stable code and no internals; the log masks the CPR', async () => {
  const lines: string[] = [];
  const app = await makeApp(lines);
  const res = await app.inject('/boom');
  assert.equal(res.statusCode, 500);
  assert.match(res.body, /ERR_INTERNAL/);
  assert.doesNotMatch(res.body, /secret internals|\/srv\/db|010190/);
  const log = lines.join('');
  assert.match(log, /secret internals/);
  assert.doesNotMatch(log, /010190-1234/);
});

test('errors come in English when asked, and as JSON for API clients', async () => {
  const app = await makeApp();
  const en = await app.inject('/gone?lang=en');
  assert.equal(en.statusCode, 410);
  assert.match(en.body, /The process has expired/);
  assert.match(en.body, /<html lang="en"/);
  const json = await app.inject({ url: '/nope', headers: { accept: 'application/json' } });
  assert.equal(json.statusCode, 404);
  assert.equal(json.json().error, 'ERR_NOT_FOUND');
});

test('the language choice is remembered in a cookie', async () => {
  const app = await makeApp();
  const res = await app.inject('/form?lang=en');
  const lang = res.cookies.find((c) => c.name === 'lang');
  assert.equal(lang?.value, 'en');
  const next = await app.inject({ url: '/form', cookies: { lang: 'en' } });
  assert.match(next.body, /<html lang="en"/);
  assert.match(next.body, /href="\/form\?lang=da"/);
});

test('health, readiness and metrics answer', async () => {
  const app = await makeApp();
  assert.equal((await app.inject('/healthz')).json().status, 'ok');
  assert.equal((await app.inject('/readyz')).json().status, 'ready');
  await app.inject('/form');
  const metrics = await app.inject('/metrics');
  assert.match(metrics.body, /http_requests_total\{method="GET",route="\/form",status="200"/);
});

test('request logs never contain query strings or cookies', async () => {
  const lines: string[] = [];
  const app = await makeApp(lines);
  await app.inject({ url: '/form?code=supersecret', cookies: { sid: 'cookievalue' } });
  const log = lines.join('');
  assert.doesNotMatch(log, /supersecret|cookievalue/);
});

test('one log line per request: the request, its status and time, when it is answered', async () => {
  const lines: string[] = [];
  const app = await makeApp(lines);
  await app.inject({ url: '/form?code=supersecret', cookies: { sid: 'cookievalue' } });
  await app.inject('/boom');
  const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  const completed = entries.filter((e) => e.msg === 'request completed');
  assert.equal(completed.length, 2);
  assert.deepEqual(completed[0]?.req, { method: 'GET', url: '/form', remoteAddress: '127.0.0.1' });
  assert.deepEqual(completed[0]?.res, { statusCode: 200 });
  assert.equal(typeof completed[0]?.responseTime, 'number');
  assert.deepEqual(completed[1]?.res, { statusCode: 500 });
  // The error's own line stays, at error level, with the same request id.
  const failed = entries.find((e) => e.msg === 'request failed');
  assert.equal(failed?.reqId, completed[1]?.reqId);
  assert.equal(
    entries.some((e) => e.msg === 'incoming request'),
    false,
  );
});

test('DKFDS is served locally', async () => {
  const app = await makeApp();
  const css = await app.inject('/static/dkfds/css/dkfds-borgerdk.min.css');
  assert.equal(css.statusCode, 200);
  const font = await app.inject('/static/dkfds/fonts/IBMPlexSans/complete/woff/IBMPlexSans-Regular.woff');
  assert.equal(font.statusCode, 200);
});

test('a static path with a NUL or another bad character answers 404 and logs no error', async () => {
  const lines: string[] = [];
  const app = await makeApp(lines);
  for (const url of [
    '/static/dkfds/img/%00.png',
    '/static/site/%00',
    '/static/dkfds/css/a%0a.css',
    '/static/site/..%5c..%5cpackage.json',
  ]) {
    const res = await app.inject(url);
    assert.equal(res.statusCode, 404, url);
    assert.match(res.body, /ERR_NOT_FOUND/, url);
  }
  assert.deepEqual(errorLines(lines), []);
});

test('an unsupported method answers 405 with Allow, an unknown path 404, never ERR_CSRF', async () => {
  const app = await makeApp();
  for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const) {
    const res = await app.inject({ method, url: '/form' });
    assert.equal(res.statusCode, 405, method);
    assert.equal(res.headers.allow, 'GET, HEAD, POST', method);
    assert.match(res.body, /ERR_METHOD_NOT_ALLOWED/, method);
  }
  const unknown = await app.inject({ method: 'PUT', url: '/nope' });
  assert.equal(unknown.statusCode, 404);
  assert.match(unknown.body, /ERR_NOT_FOUND/);
  const post = await app.inject({ method: 'POST', url: '/nope', payload: { a: '1' } });
  assert.equal(post.statusCode, 404);
  const stat = await app.inject({ method: 'POST', url: '/static/dkfds/css/dkfds-borgerdk.min.css' });
  assert.equal(stat.statusCode, 405);
  assert.equal(stat.headers.allow, 'GET, HEAD');
});

test('a URL the router cannot decode answers 400 with a stable code', async () => {
  const app = await makeApp();
  const res = await app.inject('/%E0%A4%A');
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /ERR_BAD_REQUEST/);
});
