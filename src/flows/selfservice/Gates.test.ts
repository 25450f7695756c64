/**
 * The gates in-process, the clock moved (TestClock), on both databases: 24 hours before use,
 * one gate for repeated and concurrent requests, used once, cancel (not by a stranger), expiry,
 * and the notices (one when requested, one when it opens, each once).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type AppHarness, startAppHarness } from '../../kinds/app/testing/index.ts';
import { DAY, HOUR, MINUTE } from '../../platform/clock.ts';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import { cryptoRandom } from '../../platform/random.ts';
import { GATE_OPEN_MS, GATE_WAIT_MS, Gates, sweepGates } from './index.ts';

for (const dialect of await dialectsUnderTest()) {
  describe(`gates on ${dialect}`, () => {
    let h: AppHarness;
    let gates: Gates;
    before(async () => {
      h = await startAppHarness({ dialect });
      gates = new Gates({ db: h.database.db, clock: h.clock, random: cryptoRandom });
    });
    after(async () => h?.close());

    const notices = async (to: string | null, text: RegExp) =>
      (await h.messagesTo(to ?? '')).filter((m) => text.test(m.body)).length;

    test('a gate cannot be used before 24 hours, then once', async () => {
      const p = await h.person();
      const { gate, created } = await gates.request(p.identityId, 'changePassword');
      assert.equal(created, true);
      assert.equal(gate.state, 'waiting');
      assert.equal(gate.opensAt - gate.requestedAt, GATE_WAIT_MS);
      assert.equal(gate.expiresAt - gate.opensAt, GATE_OPEN_MS);
      const use = () =>
        h.database.db.transaction().execute((trx) => gates.use(trx, p.identityId, 'changePassword'));
      assert.deepEqual(await use(), { ok: false, reason: 'gate_not_open' });
      h.clock.advance(GATE_WAIT_MS - MINUTE);
      assert.equal((await gates.current(p.identityId, 'changePassword'))?.state, 'waiting');
      assert.deepEqual(await use(), { ok: false, reason: 'gate_not_open' });
      h.clock.advance(MINUTE);
      assert.equal((await gates.current(p.identityId, 'changePassword'))?.state, 'open');
      // Another action's gate is another gate: this one opens nothing for adding a chip.
      assert.equal(
        (await h.database.db.transaction().execute((trx) => gates.use(trx, p.identityId, 'addChip'))).ok,
        false,
      );
      assert.deepEqual(await use(), { ok: true });
      assert.deepEqual(await use(), { ok: false, reason: 'gate_not_open' });
      assert.equal(await gates.current(p.identityId, 'changePassword'), undefined, 'no live gate after use');
    });

    test('a use in a transaction that rolls back leaves the gate open', async () => {
      const p = await h.person();
      await gates.request(p.identityId, 'addChip');
      h.clock.advance(GATE_WAIT_MS);
      await assert.rejects(
        h.database.db.transaction().execute(async (trx) => {
          assert.deepEqual(await gates.use(trx, p.identityId, 'addChip'), { ok: true });
          throw new Error('the change failed');
        }),
        /the change failed/,
      );
      assert.equal((await gates.current(p.identityId, 'addChip'))?.state, 'open');
    });

    test('a repeated request returns the live gate, and notifies once', async () => {
      const p = await h.person();
      const first = await gates.request(p.identityId, 'changePassword');
      h.clock.advance(HOUR);
      const second = await gates.request(p.identityId, 'changePassword');
      assert.equal(second.created, false);
      assert.equal(second.gate.id, first.gate.id);
      assert.equal(second.gate.opensAt, first.gate.opensAt, 'asking again does not move the wait');
      assert.equal(await notices(p.mobile, /Var det ikke dig\? Spær din MitID/), 1);
      assert.equal(await notices(p.email, /skifte din MitID adgangskode/), 1);
      const sms = (await h.messagesTo(p.mobile ?? ''))[0];
      assert.match(sms?.body ?? '', /Was it not you\? Block your MitID/, 'Danish, then English');
    });

    test('concurrent requests make one gate and one notice', async () => {
      const p = await h.person();
      const results = await Promise.all(
        Array.from({ length: 6 }, () => gates.request(p.identityId, 'addChip')),
      );
      assert.equal(new Set(results.map((r) => r.gate.id)).size, 1);
      assert.equal(results.filter((r) => r.created).length, 1);
      const rows = await h.database.db
        .selectFrom('gates' as never)
        .select(['id' as never])
        .where('identity_id' as never, '=', p.identityId as never)
        .execute();
      assert.equal(rows.length, 1);
      assert.equal(await notices(p.mobile, /tilføje en MitID chip/), 1);
    });

    test('the person cancels; a stranger cannot; then a new request is a new gate', async () => {
      const p = await h.person();
      const stranger = await h.person();
      const { gate } = await gates.request(p.identityId, 'changePassword');
      assert.deepEqual(await gates.cancel(stranger.identityId, gate.id), {
        ok: false,
        reason: 'gate_unknown',
      });
      assert.equal((await gates.current(p.identityId, 'changePassword'))?.id, gate.id);
      assert.deepEqual(await gates.cancel(p.identityId, gate.id), { ok: true });
      assert.deepEqual(await gates.cancel(p.identityId, gate.id), { ok: false, reason: 'gate_unknown' });
      h.clock.advance(GATE_WAIT_MS);
      assert.equal(
        (await h.database.db.transaction().execute((trx) => gates.use(trx, p.identityId, 'changePassword')))
          .ok,
        false,
        'a cancelled gate never opens',
      );
      const again = await gates.request(p.identityId, 'changePassword');
      assert.equal(again.created, true);
      assert.notEqual(again.gate.id, gate.id);
      assert.equal(again.gate.state, 'waiting', 'the wait starts again');
    });

    test('an open gate expires after 7 days; a new request makes a new one', async () => {
      const p = await h.person();
      const { gate } = await gates.request(p.identityId, 'addChip');
      h.clock.advance(GATE_WAIT_MS + GATE_OPEN_MS);
      assert.equal((await gates.current(p.identityId, 'addChip'))?.state, 'expired');
      assert.equal(
        (await h.database.db.transaction().execute((trx) => gates.use(trx, p.identityId, 'addChip'))).ok,
        false,
      );
      const again = await gates.request(p.identityId, 'addChip');
      assert.equal(again.created, true);
      assert.notEqual(again.gate.id, gate.id);
      assert.equal(again.gate.state, 'waiting');
    });

    test('the sweep sends the opening notice once, also when two sweep at once', async () => {
      const p = await h.person();
      await gates.request(p.identityId, 'changePassword');
      const sweep = () => sweepGates({ db: h.database.db, random: cryptoRandom }, h.clock.now().getTime());
      await sweep();
      assert.equal(
        await notices(p.mobile, /Du kan nu skifte din MitID adgangskode/),
        0,
        'not before it opens',
      );
      h.clock.advance(GATE_WAIT_MS);
      await Promise.all([sweep(), sweep()]);
      await sweep();
      assert.equal(await notices(p.mobile, /Du kan nu skifte din MitID adgangskode/), 1);
      assert.equal(await notices(p.email, /Du kan nu skifte din MitID adgangskode/), 1);
      assert.equal((await gates.current(p.identityId, 'changePassword'))?.state, 'open');
      h.clock.advance(GATE_OPEN_MS);
      const swept = await sweep();
      assert.ok(swept.gatesExpired >= 1);
      assert.equal(await gates.current(p.identityId, 'changePassword'), undefined, 'expired is written down');
      h.clock.advance(DAY);
    });
  });
}
