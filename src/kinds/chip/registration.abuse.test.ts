/**
 * Registering a chip, the refusals, on both databases: each is typed, and nothing is written but
 * the ceremony's use (a wrong answer needs a new ceremony). Another origin or RP id, a response
 * without the UV flag, a platform authenticator, garbage; a ceremony replayed, expired, or
 * presented by another person (who cannot use it up); the same chip for a second person; a second
 * chip; two finishes of one ceremony at once (one wins).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MINUTE } from '../../platform/clock.ts';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import type { ChipDb, ChipRegistration } from './index.ts';
import { type ChipKit, ORIGIN, SoftChip, withChipKit } from './testing/index.ts';

const begin = (registration: ChipRegistration, identityId: string) =>
  registration.registrationOptions({ identityId, userId: 'u', displayName: 'Test Person' });

const finish = (k: ChipKit, registrationId: string, identityId: string, response: unknown) =>
  k.db
    .transaction()
    .execute((trx) =>
      k.registration.finishRegistration(trx, k.authenticators, { registrationId, identityId, response }),
    );

const chips = async (k: ChipKit): Promise<number> =>
  (await k.db.withTables<ChipDb>().selectFrom('chip_credentials').select('credential_id').execute()).length;
const authenticatorRows = async (k: ChipKit): Promise<number> =>
  (await k.db.selectFrom('authenticators').select('id').execute()).length;

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: another origin, another RP id, no UV, a platform key, garbage: refused, nothing made`, async () => {
    await withChipKit(dialect, 1, async (k) => {
      const id = k.identityIds[0] ?? '';
      const cases: [string, (o: Parameters<SoftChip['register']>[0]) => unknown][] = [
        ['invalid', (o) => new SoftChip(ORIGIN).register(o, { origin: 'https://mitid.evil' })],
        ['invalid', (o) => new SoftChip(ORIGIN).register(o, { rpId: 'evil.test' })],
        ['invalid', (o) => ({ ...new SoftChip(ORIGIN).register(o), authenticatorAttachment: 'platform' })],
        [
          'notUserVerified',
          (o) => {
            const chip = new SoftChip(ORIGIN);
            chip.userVerified = false;
            return chip.register(o);
          },
        ],
        ['invalid', () => null],
        [
          'invalid',
          () => ({ id: 'x', rawId: 'x', type: 'public-key', response: { attestationObject: '!!' } }),
        ],
        ['invalid', () => 'a string'],
      ];
      for (const [reason, answer] of cases) {
        const { registrationId, options } = await begin(k.registration, id);
        assert.deepEqual(await finish(k, registrationId, id, answer(options)), { ok: false, reason });
      }
      assert.equal(await chips(k), 0);
      assert.equal(await authenticatorRows(k), 0);
    });
  });

  test(`${dialect}: a ceremony is used once, lives 5 minutes, and only its person can use it`, async () => {
    await withChipKit(dialect, 2, async (k) => {
      const [id = '', stranger = ''] = k.identityIds;
      const { registrationId, options } = await begin(k.registration, id);
      const response = new SoftChip(ORIGIN).register(options);
      // A stranger with the ceremony's id (and even its answer) finds nothing, and uses nothing up.
      assert.deepEqual(await finish(k, registrationId, stranger, response), { ok: false, reason: 'expired' });
      assert.ok((await finish(k, registrationId, id, response)).ok);
      assert.deepEqual(await finish(k, registrationId, id, response), { ok: false, reason: 'expired' });
      assert.deepEqual(await finish(k, 'no-such-ceremony', id, response), { ok: false, reason: 'expired' });
      assert.equal(await chips(k), 1);

      const late = await begin(k.registration, stranger);
      k.clock.advance(5 * MINUTE);
      const lateAnswer = new SoftChip(ORIGIN).register(late.options);
      assert.deepEqual(await finish(k, late.registrationId, stranger, lateAnswer), {
        ok: false,
        reason: 'expired',
      });
      assert.equal(await chips(k), 1);
    });
  });

  test(`${dialect}: a wrong answer uses the ceremony up; the right answer then needs a new one`, async () => {
    await withChipKit(dialect, 1, async (k) => {
      const id = k.identityIds[0] ?? '';
      const { registrationId, options } = await begin(k.registration, id);
      const chip = new SoftChip(ORIGIN);
      assert.deepEqual(
        await finish(k, registrationId, id, chip.register(options, { origin: 'https://x.test' })),
        {
          ok: false,
          reason: 'invalid',
        },
      );
      assert.deepEqual(await finish(k, registrationId, id, chip.register(options)), {
        ok: false,
        reason: 'expired',
      });
      const next = await begin(k.registration, id);
      assert.ok((await finish(k, next.registrationId, id, chip.register(next.options))).ok);
    });
  });

  test(`${dialect}: an answer to an older ceremony's challenge is refused`, async () => {
    await withChipKit(dialect, 1, async (k) => {
      const id = k.identityIds[0] ?? '';
      const old = await begin(k.registration, id);
      const now = await begin(k.registration, id);
      const answer = new SoftChip(ORIGIN).register(now.options, { challenge: old.options.challenge });
      assert.deepEqual(await finish(k, now.registrationId, id, answer), { ok: false, reason: 'invalid' });
    });
  });

  test(`${dialect}: one chip for one person; a second chip is too many`, async () => {
    await withChipKit(dialect, 2, async (k) => {
      const [id = '', other = ''] = k.identityIds;
      const { chip } = await k.register(0);
      // The same credential offered for someone else (a copied response of another ceremony).
      const theirs = await begin(k.registration, other);
      assert.deepEqual(await finish(k, theirs.registrationId, other, chip.register(theirs.options)), {
        ok: false,
        reason: 'alreadyRegistered',
      });
      const second = await begin(k.registration, id);
      assert.deepEqual(
        await finish(k, second.registrationId, id, new SoftChip(ORIGIN).register(second.options)),
        {
          ok: false,
          reason: 'tooMany',
        },
      );
      assert.equal(await chips(k), 1);
      assert.equal(await authenticatorRows(k), 1);
    });
  });

  test(`${dialect}: two finishes of one ceremony at once: one wins, one chip`, async () => {
    await withChipKit(dialect, 1, async (k) => {
      const id = k.identityIds[0] ?? '';
      const { registrationId, options } = await begin(k.registration, id);
      const chip = new SoftChip(ORIGIN);
      const response = chip.register(options);
      const results = await Promise.all([1, 2].map(() => finish(k, registrationId, id, response)));
      assert.equal(results.filter((r) => r.ok).length, 1);
      assert.deepEqual(
        results.filter((r) => !r.ok),
        [{ ok: false, reason: 'expired' }],
      );
      assert.equal(await chips(k), 1);
      assert.equal(await authenticatorRows(k), 1);
    });
  });

  test(`${dialect}: without the ceremony's id, the person's ceremony of the answered challenge`, async () => {
    await withChipKit(dialect, 2, async (k) => {
      const [id = '', stranger = ''] = k.identityIds;
      const finishBare = (identityId: string, response: unknown) =>
        k.db
          .transaction()
          .execute((trx) =>
            k.registration.finishRegistration(trx, k.authenticators, { identityId, response }),
          );
      const { options } = await begin(k.registration, id);
      const response = new SoftChip(ORIGIN).register(options);
      assert.deepEqual(await finishBare(id, null), { ok: false, reason: 'invalid' });
      assert.deepEqual(await finishBare(stranger, response), { ok: false, reason: 'expired' });
      const done = await finishBare(id, response);
      assert.ok(done.ok);
      assert.deepEqual(await finishBare(id, response), { ok: false, reason: 'expired' });
      assert.equal(await chips(k), 1);
    });
  });
}
