/**
 * The chip in the login box, the refusals, on both databases (each leaves the counter as it was):
 * another origin, no UV flag, a replayed answer (also from a chip that does not count: the box's
 * addProof consumes the step once), an answer with no begun step or after 5 minutes,
 * another person's chip, a counter going back, a user handle that is not the person's, a blocked
 * chip, garbage; a step moved to another authentication; a stranger with only a user-ID (the box's
 * decoy authenticator) runs the same statements as a person with a wrong chip; two answers to
 * one step at once: one moves the counter.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KyselyPlugin } from 'kysely';
import type { Authentication } from '../../core/authentications/index.ts';
import type { Authenticator } from '../../core/authenticators/index.ts';
import { createSealer } from '../../core/codes/index.ts';
import { MINUTE } from '../../platform/clock.ts';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import { cryptoRandom } from '../../platform/random.ts';
import { type ChipDb, createChipKind, relyingPartyOf, userHandles } from './index.ts';
import { type ChipKit, decoyAuthenticator, ORIGIN, SECRET, SoftChip, withChipKit } from './testing/index.ts';

const optionsOf = (step: unknown): { challenge: string } =>
  (step as { options: { challenge: string } }).options;

/** Begins a step for `a` and returns the options and the authentication as the box rereads it. */
async function begun(k: ChipKit, a: Authenticator, i: number | null) {
  return k.begin(a, await k.login(i));
}

/** The stored counters, in the order of the people's authenticators. */
const counters = async (k: ChipKit) => {
  const rows = await k.db.withTables<ChipDb>().selectFrom('chip_credentials').selectAll().execute();
  const order = (await k.db.selectFrom('authenticators').select(['id', 'identity_id']).execute())
    .sort((x, y) => x.identity_id.localeCompare(y.identity_id))
    .map((r) => r.id);
  return order.map((id) => Number(rows.find((r) => r.authenticator_id === id)?.counter));
};

/** A chip made for some other site: it answers with its own credential and user handle. */
const elsewhere = (): SoftChip => {
  const chip = new SoftChip(ORIGIN);
  chip.userHandle = cryptoRandom.token(32);
  return chip;
};

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: another origin or RP id, no UV, garbage: chip_wrong, counter unchanged`, async () => {
    await withChipKit(dialect, 1, async (k) => {
      const { chip, authenticator: a } = await k.register(0);
      const answers: ((o: { challenge: string }) => unknown)[] = [
        (o) => chip.assert(o, { origin: 'https://mitid.evil' }),
        (o) => chip.assert(o, { rpId: 'evil.test' }),
        (o) => {
          chip.userVerified = false;
          const r = chip.assert(o);
          chip.userVerified = true;
          return r;
        },
        (o) => {
          const r = chip.assert(o);
          return { ...r, response: { ...r.response, signature: chip.assert(o).response.signature } };
        },
        () => null,
        () => ({ id: chip.id, rawId: chip.id, type: 'public-key', response: {} }),
        () => 'garbage',
      ];
      for (const answer of answers) {
        const { options, auth } = await begun(k, a, 0);
        const before = await counters(k);
        assert.deepEqual(await k.kind.complete(k.ctx, a, auth, { response: answer(options) }), {
          ok: false,
          code: 'chip_wrong',
        });
        assert.deepEqual(await counters(k), before);
      }
      assert.deepEqual(await counters(k), [0]);
    });
  });

  test(`${dialect}: a replayed answer, no step, a late answer, a moved step: refused`, async () => {
    await withChipKit(dialect, 1, async (k) => {
      const { chip, authenticator: a } = await k.register(0);
      const { options, auth } = await begun(k, a, 0);
      const response = chip.assert(options);
      const first = await k.kind.complete(k.ctx, a, auth, { response });
      assert.ok(first.ok);
      assert.ok(await k.prove(auth, first.proof));
      // The same POST again: the step is gone.
      assert.deepEqual(await k.kind.complete(k.ctx, a, await k.reread(auth.id), { response }), {
        ok: false,
        code: 'chip_expired',
      });
      // With the row as read before the proof (a post racing the first): the counter has moved.
      assert.deepEqual(await k.kind.complete(k.ctx, a, auth, { response }), {
        ok: false,
        code: 'chip_wrong',
      });
      // No begin at all.
      const fresh = await k.login(0);
      assert.deepEqual(await k.kind.complete(k.ctx, a, fresh, { response: chip.assert(options) }), {
        ok: false,
        code: 'chip_expired',
      });
      // After the step's 5 minutes.
      const late = await begun(k, a, 0);
      k.clock.advance(5 * MINUTE);
      assert.deepEqual(await k.kind.complete(k.ctx, a, late.auth, { response: chip.assert(late.options) }), {
        ok: false,
        code: 'chip_expired',
      });
      // A step state copied into another authentication does not open there.
      const one = await begun(k, a, 0);
      const other = await k.login(0);
      await k.authentications.startStep(other.id, a.id, one.auth.step?.state ?? '');
      assert.deepEqual(
        await k.kind.complete(k.ctx, a, await k.reread(other.id), { response: chip.assert(one.options) }),
        { ok: false, code: 'chip_expired' },
      );
      assert.deepEqual(await counters(k), [1]);
    });
  });

  test(`${dialect}: a chip that does not count (counter 0): a replay finds the step consumed`, async () => {
    await withChipKit(dialect, 1, async (k) => {
      const { chip, authenticator: a } = await k.register(0);
      const { options, auth } = await begun(k, a, 0);
      const response = chip.assert(options, { counter: 0 });
      const outcomes = await Promise.all([1, 2].map(() => k.kind.complete(k.ctx, a, auth, { response })));
      assert.ok(outcomes.every((o) => o.ok));
      const proofs = await Promise.all(outcomes.map((o) => (o.ok ? k.prove(auth, o.proof) : false)));
      assert.deepEqual(proofs.filter(Boolean).length, 1);
      assert.equal((await k.reread(auth.id)).proofs.length, 1);
    });
  });

  test(`${dialect}: another person's chip, a counter going back, a foreign user handle, a blocked chip: chip_wrong`, async () => {
    await withChipKit(dialect, 2, async (k) => {
      const { chip: mine, authenticator: a } = await k.register(0);
      const { chip: theirs, authenticator: b } = await k.register(1);
      // B's own chip, pressed at A's login: the credential is not A's authenticator's.
      let s = await begun(k, a, 0);
      assert.deepEqual(await k.kind.complete(k.ctx, a, s.auth, { response: theirs.assert(s.options) }), {
        ok: false,
        code: 'chip_wrong',
      });
      // B's authenticator named for A's login (the authentication is A's).
      s = await begun(k, b, 0);
      assert.deepEqual(await k.kind.complete(k.ctx, b, s.auth, { response: theirs.assert(s.options) }), {
        ok: false,
        code: 'chip_wrong',
      });
      // A cloned chip: its counter behind the stored one.
      s = await begun(k, a, 0);
      assert.ok(
        (await k.kind.complete(k.ctx, a, s.auth, { response: mine.assert(s.options, { counter: 5 }) })).ok,
      );
      s = await begun(k, a, 0);
      assert.deepEqual(
        await k.kind.complete(k.ctx, a, s.auth, { response: mine.assert(s.options, { counter: 3 }) }),
        {
          ok: false,
          code: 'chip_wrong',
        },
      );
      // A user handle that is not the person's.
      s = await begun(k, a, 0);
      const r = mine.assert(s.options);
      const foreign = { ...r, response: { ...r.response, userHandle: theirs.userHandle } };
      assert.deepEqual(await k.kind.complete(k.ctx, a, s.auth, { response: foreign }), {
        ok: false,
        code: 'chip_wrong',
      });
      // A blocked chip.
      assert.ok(await k.authenticators.block({ authenticatorId: a.id }, 'staff:1', 'support'));
      s = await begun(k, a, 0);
      assert.deepEqual(await k.kind.complete(k.ctx, a, s.auth, { response: mine.assert(s.options) }), {
        ok: false,
        code: 'chip_wrong',
      });
      assert.deepEqual(await counters(k), [5, 0]);
    });
  });

  test(`${dialect}: a stranger with only a user-ID runs the same statements as a wrong chip`, async () => {
    await withChipKit(dialect, 1, async (k) => {
      await k.register(0);
      const seen: string[] = [];
      const recorder: KyselyPlugin = {
        transformQuery: (args) => {
          seen.push(args.node.kind);
          return args.node;
        },
        transformResult: async (args) => args.result,
      };
      const ctx = { db: k.db.withPlugin(recorder), now: k.ctx.now };
      const kind = createChipKind({
        rp: relyingPartyOf(ORIGIN),
        sealer: createSealer(SECRET),
        handles: userHandles(SECRET),
        random: cryptoRandom,
      });
      const run = async (a: Authenticator, auth: Authentication, chip: SoftChip) => {
        seen.length = 0;
        const step = await kind.begin(ctx, a, auth);
        assert.ok(step.type === 'webauthn' && step.state);
        const before = [...seen];
        await k.authentications.startStep(auth.id, a.id, step.state);
        const outcome = await kind.complete(ctx, a, await k.reread(auth.id), {
          response: chip.assert(optionsOf(step)),
        });
        assert.deepEqual(before, [], 'begin reads nothing');
        return { outcome, statements: [...seen] };
      };
      const [person] = await k.authenticators.listFor(k.identityIds[0] ?? '', 'chip');
      assert.ok(person);
      const wrongChip = await run(person, await k.login(0), elsewhere());
      const stranger = await run(decoyAuthenticator(), await k.login(null), elsewhere());
      const decoyOfPerson = await run(decoyAuthenticator(k.identityIds[0]), await k.login(0), elsewhere());
      for (const r of [wrongChip, stranger, decoyOfPerson]) {
        assert.deepEqual(r.outcome, { ok: false, code: 'chip_wrong' });
        assert.deepEqual(r.statements, ['SelectQueryNode']);
      }
    });
  });

  test(`${dialect}: two answers to one step at once: one wins`, async () => {
    await withChipKit(dialect, 1, async (k) => {
      const { chip, authenticator: a } = await k.register(0);
      const { options, auth } = await begun(k, a, 0);
      const response = chip.assert(options);
      const outcomes = await Promise.all([1, 2, 3].map(() => k.kind.complete(k.ctx, a, auth, { response })));
      assert.equal(outcomes.filter((o) => o.ok).length, 1);
      assert.equal(outcomes.filter((o) => !o.ok && o.code === 'chip_wrong').length, 2);
      assert.deepEqual(await counters(k), [1]);
    });
  });
}
