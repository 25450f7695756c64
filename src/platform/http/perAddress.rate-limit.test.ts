/**
 * Per-address throttles are settings, and the address is the one TRUST_PROXY vouches for: a
 * client cannot choose its own address with X-Forwarded-For, and people behind a trusted proxy
 * do not share one budget.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { perAddress } from './perAddress.ts';
import { makeTestApp } from './testing/makeTestApp.ts';

async function limitedApp(env: Record<string, string>): Promise<FastifyInstance> {
  const app = await makeTestApp([], { RATE_LIMIT_PAGES: '3', ...env });
  app.get('/limited', { config: { rateLimit: perAddress('pages') } }, async (req) => ({ ip: req.ip }));
  return app;
}

const get = (app: FastifyInstance, remoteAddress: string, forwardedFor?: string) =>
  app.inject({
    url: '/limited',
    remoteAddress,
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  });

test('RATE_LIMIT_PAGES sets the throttle; the next call from that address is refused with 429', async () => {
  const app = await limitedApp({});
  const statuses = [];
  for (let i = 0; i < 4; i++) statuses.push((await get(app, '198.51.100.7')).statusCode);
  assert.deepEqual(statuses, [200, 200, 200, 429]);
  assert.equal((await get(app, '198.51.100.8')).statusCode, 200, 'another address has its own budget');
});

test('without TRUST_PROXY, X-Forwarded-For is ignored: a client cannot dodge its limit by naming others', async () => {
  const app = await limitedApp({});
  const answers = [];
  for (let i = 0; i < 4; i++) answers.push(await get(app, '198.51.100.7', `203.0.113.${i}`));
  // The stranger's forged addresses were sent and the calls accepted, counted on its own address.
  assert.deepEqual(
    answers.slice(0, 3).map((r) => r.json().ip),
    ['198.51.100.7', '198.51.100.7', '198.51.100.7'],
  );
  assert.equal(answers[3]?.statusCode, 429);
});

test('behind a trusted proxy every client has its own budget; an untrusted proxy is not believed', async () => {
  const app = await limitedApp({ TRUST_PROXY: '10.0.0.0/8' });
  // 1,000 people behind the proxy, each with their own address: none is refused.
  for (let i = 0; i < 1000; i++) {
    const res = await get(app, '10.1.2.3', `203.0.${Math.floor(i / 250)}.${i % 250}`);
    assert.equal(res.statusCode, 200, `client ${i}`);
  }
  const one = [];
  for (let i = 0; i < 4; i++) one.push((await get(app, '10.1.2.3', '192.0.2.55')).statusCode);
  assert.deepEqual(one, [200, 200, 200, 429], 'one client behind the proxy is still limited');
  // Not from a listed proxy: the header is the caller's own claim, and ignored.
  const res = await get(app, '198.51.100.9', '192.0.2.99');
  assert.equal(res.json().ip, '198.51.100.9');
});
