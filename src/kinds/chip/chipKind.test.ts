/**
 * The chip in the login box, on both databases: begin gives request options that name no
 * credential (the same for everyone) with UV required, and keeps the challenge sealed as the
 * authentication's step (the box keeps it); complete turns the person's assertion into the chip's proof (possession,
 * amr chip), moves the counter, and the core records it as pending until the password's proof.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import type { ChipDb } from './index.ts';
import { withChipKit } from './testing/index.ts';

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: begin, the person's chip, a proof; the counter moves`, async () => {
    await withChipKit(dialect, 1, async (k) => {
      const { chip, authenticator } = await k.register(0);
      const auth = await k.login(0);
      const step = await k.kind.begin(k.ctx, authenticator, auth);
      assert.ok(step.type === 'webauthn' && step.state !== undefined);
      const options = step.options as { challenge: string } & Record<string, unknown>;
      assert.deepEqual(options.allowCredentials, []);
      assert.equal(options.userVerification, 'required');
      assert.equal(options.rpId, 'mitid.test');
      assert.ok(!step.state.includes(options.challenge), 'the challenge is sealed');
      // The box keeps the state as the step (Authentications.startStep).
      assert.ok(await k.authentications.startStep(auth.id, authenticator.id, step.state));
      const read = await k.reread(auth.id);
      assert.equal(read.step?.authenticatorId, authenticator.id);

      const outcome = await k.kind.complete(k.ctx, authenticator, read, { response: chip.assert(options) });
      assert.ok(outcome.ok);
      assert.deepEqual(
        { ...outcome.proof, at: 0 },
        {
          authenticatorId: authenticator.id,
          kind: 'chip',
          factors: ['possession'],
          methods: ['chip'],
          at: 0,
        },
      );
      assert.equal(outcome.proof.at, k.clock.now().getTime());
      const row = await k.db
        .withTables<ChipDb>()
        .selectFrom('chip_credentials')
        .selectAll()
        .executeTakeFirstOrThrow();
      assert.equal(Number(row.counter), 1);
      assert.equal(Number(row.last_used_at), k.clock.now().getTime());
      // The box's addProof consumes the step; the authentication waits for the password.
      assert.ok(await k.prove(read, outcome.proof));
      assert.equal((await k.reread(auth.id)).step, null);
      const pending = await k.reread(auth.id);
      assert.equal(pending.status, 'pending');
      assert.equal(pending.proofs.length, 1);
    });
  });

  test(`${dialect}: the options are alike for two people (they name no credential)`, async () => {
    await withChipKit(dialect, 2, async (k) => {
      const { authenticator: a } = await k.register(0);
      const { authenticator: b } = await k.register(1);
      const keys = async (i: 0 | 1) => {
        const auth = await k.login(i);
        const step = await k.kind.begin(k.ctx, i === 0 ? a : b, auth);
        const { challenge, ...rest } = (step as { options: Record<string, unknown> }).options;
        assert.equal(typeof challenge, 'string');
        return rest;
      };
      assert.deepEqual(await keys(0), await keys(1));
    });
  });
}
