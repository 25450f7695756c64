/**
 * Registering a chip (MitID.dk's "Tilføj chip"), on both databases: the options ask for a roaming
 * key with a discoverable credential and UV, attestation none, an opaque user handle, the
 * person's chips excluded; a finish activates one authenticator of kind chip labelled "MitID
 * chip" and stores the credential, in the caller's transaction.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import { type ChipDb, REGISTRATION_TTL_MS } from './index.ts';
import { ORIGIN, SoftChip, withChipKit } from './testing/index.ts';

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: the options, and a finish that makes the chip and its credential`, async () => {
    await withChipKit(
      dialect,
      1,
      async ({ db, clock, identityIds: [id = ''], registration, authenticators }) => {
        const { registrationId, options } = await registration.registrationOptions({
          identityId: id,
          userId: 'chip-user-0',
          displayName: 'Test Person',
        });
        assert.deepEqual(options.authenticatorSelection, {
          authenticatorAttachment: 'cross-platform',
          residentKey: 'required',
          requireResidentKey: true,
          userVerification: 'required',
        });
        assert.equal(options.attestation, 'none');
        assert.equal(options.rp.id, 'mitid.test');
        assert.deepEqual(options.excludeCredentials, []);
        // The user handle is neither the CPR number, the user-ID nor the identity's uuid.
        const handle = Buffer.from(options.user.id, 'base64url').toString('latin1');
        for (const known of [id, 'chip-user-0', '1505831000']) assert.ok(!handle.includes(known), known);
        assert.equal(options.user.id.length, 43);

        const chip = new SoftChip(ORIGIN);
        const response = chip.register(options);
        const finished = await db.transaction().execute((trx) =>
          registration.finishRegistration(trx, authenticators, {
            registrationId,
            identityId: id,
            response,
          }),
        );
        assert.ok(finished.ok);
        const a = await authenticators.get(finished.authenticatorId);
        assert.equal(a?.kind, 'chip');
        assert.equal(a?.label, 'MitID chip');
        assert.equal(a?.status, 'active');
        assert.equal(a?.identityId, id);
        const row = await db
          .withTables<ChipDb>()
          .selectFrom('chip_credentials')
          .selectAll()
          .executeTakeFirstOrThrow();
        assert.equal(row.authenticator_id, finished.authenticatorId);
        assert.equal(row.credential_id, chip.id);
        assert.equal(Number(row.counter), 0);
        assert.deepEqual(JSON.parse(row.transports), ['usb']);
        assert.equal(row.aaguid, '00000000-0000-0000-0000-000000000000');
        assert.equal(Number(row.created_at), clock.now().getTime());
        const ceremony = await db
          .withTables<ChipDb>()
          .selectFrom('chip_registrations')
          .selectAll()
          .executeTakeFirstOrThrow();
        assert.equal(Number(ceremony.used_at), clock.now().getTime());
        assert.equal(Number(ceremony.expires_at), clock.now().getTime() + REGISTRATION_TTL_MS);

        // The next ceremony excludes it, and the same user handle goes to the same person.
        const again = await registration.registrationOptions({
          identityId: id,
          userId: 'chip-user-0',
          displayName: 'T',
        });
        assert.deepEqual(again.options.excludeCredentials, [
          { id: chip.id, type: 'public-key', transports: ['usb'] },
        ]);
        assert.equal(again.options.user.id, options.user.id);
        assert.notEqual(again.options.challenge, options.challenge);
      },
    );
  });
}
