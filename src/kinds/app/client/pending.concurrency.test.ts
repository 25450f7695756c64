/**
 * Issue 7, item 8: 800 `pending()` calls at once for one user, against the real MitID service
 * (in-process, over its HTTP routes), on a clock that stands still — the worst case for the replay
 * check, which refuses the same signed content twice. Before, each call signed with the same
 * timestamp and some got 401 invalid_device_signature; now none does. Two client objects on one
 * state directory stand for two CLI processes (they share no memory, only the directory).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { dialectsUnderTest } from '../../../platform/db/testDb.ts';
import { type AppHarness, startAppHarness, type TestPerson } from '../server/testing/appHarness.ts';
import type { AppResult } from './appErrors.ts';
import { MitidAppClient } from './MitidAppClient.ts';

const root = mkdtempSync(path.join(tmpdir(), 'app-concurrency-'));
after(() => rmSync(root, { recursive: true, force: true }));

/**
 * fetch answered by the in-process service. The calls come from 8 client addresses in turn: the
 * device routes allow 300 calls a minute per address (a limit with its own tests), and 800 from
 * one address would meet that limit instead of the one tested here.
 */
function injectFetch(h: AppHarness): typeof fetch {
  let n = 0;
  return (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const res = await h.app.inject({
      method: (init.method ?? 'GET') as 'GET',
      url: url.pathname + url.search,
      headers: init.headers as Record<string, string>,
      ...(typeof init.body === 'string' ? { payload: init.body } : {}),
      remoteAddress: `10.0.0.${(n++ % 8) + 1}`,
    });
    return new Response(res.body, {
      status: res.statusCode,
      headers: { 'content-type': String(res.headers['content-type'] ?? 'application/json') },
    });
  }) as typeof fetch;
}

const value = <T>(r: AppResult<T>): T => {
  assert.ok(r.ok, r.ok ? '' : `${r.error.code}: ${r.error.message}`);
  return r.value;
};

for (const dialect of await dialectsUnderTest()) {
  describe(`${dialect}: many signed calls at once for one user`, () => {
    let h: AppHarness;
    let person: TestPerson;
    let stateDir: string;
    const client = () => new MitidAppClient({ stateDir, clock: h.clock, fetch: injectFetch(h), lang: 'en' });

    before(async () => {
      // Above the 800 calls, so that only a replay could refuse one (RATE_LIMIT_PER_DEVICE).
      h = await startAppHarness({ dialect, env: { RATE_LIMIT_PER_DEVICE: '2000' } });
      person = await h.person({ mobile: null });
      stateDir = path.join(root, dialect);
      const app = client();
      const a = value(
        await app.startActivation({
          serverUrl: 'http://mitid.test',
          userId: person.userId,
          deviceName: 'CLI',
        }),
      );
      const sent = value(await a.submitActivationCode(await h.activationCode(person)));
      value(await a.submitTemporaryPin(sent.temporaryPin));
      value(await a.choosePin('246810', '246810'));
      const tx = await h.createTransaction({
        userId: person.userId,
        serviceName: 'Min Bank',
        action: 'login',
        text: 'Log på hos Min Bank',
      });
      assert.equal(tx.statusCode, 201);
    });
    after(() => h.close());

    test('800 pending() at once: every one answered, none refused as a replay', async () => {
      const app = client();
      const results = await Promise.all(Array.from({ length: 800 }, () => app.pending(person.userId)));
      const refused = results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error.code));
      assert.deepEqual(refused, []);
      for (const r of results) assert.equal(value(r).length, 1);
      // The attack the replay check stops still fails: the same signed request sent twice.
      const seen = await h.database.db.selectFrom('app_signed_requests').select('request_hash').execute();
      assert.ok(seen.length >= 800, 'each call was checked and remembered by the server');
    });

    test('two clients on one state directory, 400 calls each at once: none refused', async () => {
      const [a, b] = [client(), client()];
      const results = await Promise.all(
        Array.from({ length: 800 }, (_, i) => (i % 2 ? a : b).pending(person.userId)),
      );
      assert.deepEqual(
        results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error.code)),
        [],
      );
    });
  });
}
