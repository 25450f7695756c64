/**
 * The MitID chip with a real browser's WebAuthn: Chromium's virtual authenticator (CDP
 * `WebAuthn.addVirtualAuthenticator`: ctap2, usb, a resident key, user verification) on a page of
 * the running MitID service's origin answers the chip kind's registration options and its login
 * options, and kinds/chip verifies both against the running system's database and server secret,
 * as the service's own code would (decision 0014 §4, §6).
 *
 * The pages that drive these ceremonies for a person (MitID.dk's "Tilføj chip", wp-selfservice;
 * the login box's chip step, wp-box) are not in main as this test is written, so it drives the
 * ceremonies itself: the options come from kinds/chip (the same functions the root wires), the
 * browser runs navigator.credentials.create/get on the MitID origin, and the test hands the
 * answers back. Checked in the data: the chip_credentials row (credential id, counter), the
 * authenticator (kind chip, "MitID chip"), and the authentication's chip proof (its step consumed).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { Authentications } from '../../src/core/authentications/index.ts';
import { Authenticators } from '../../src/core/authenticators/index.ts';
import { createSealer } from '../../src/core/codes/index.ts';
import { createHooks } from '../../src/core/events/index.ts';
import {
  type ChipDb,
  createChipKind,
  createChipRegistration,
  relyingPartyOf,
  userHandles,
} from '../../src/kinds/chip/index.ts';
import { cryptoRandom } from '../../src/platform/random.ts';
import { mitidKinds } from '../../src/roots/mitid/kinds.ts';
import { expectAccessible } from '../support/browser.ts';
import { mitidServerSecret } from '../support/data.ts';
import { useRunningSystem } from '../support/running.ts';

const env = useRunningSystem();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const stateDir = path.join(mkdtempSync(path.join(tmpdir(), 'chip-')), '.mitid-app');

/** A person with an active MitID (and an app), as `npm run people -- create --with-app` makes one. */
function personWithMitid(): { identityId: string; userId: string } {
  const made = spawnSync(
    'npm',
    [
      'run',
      '--silent',
      'people',
      '--',
      'create',
      '--name',
      'Chip Person',
      '--with-app',
      '--pin',
      '123456',
      '--state',
      stateDir,
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        ...env.system.env,
        PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`,
      },
      encoding: 'utf8',
    },
  );
  assert.equal(made.status, 0, made.stderr + made.stdout);
  const identityId = /MitID uuid {4}(\S+)/.exec(made.stdout)?.[1] ?? '';
  const userId = /--user (\S+)/.exec(made.stdout)?.[1] ?? '';
  assert.ok(identityId && userId, made.stdout);
  return { identityId, userId };
}

/** A browser page on MitID's origin with a chip plugged in (Chromium's virtual authenticator). */
async function pageWithChip(): Promise<Page> {
  const page = await (await env.browser.newContext({ locale: 'da-DK' })).newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'usb',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  await page.goto(env.system.mitidUrl);
  await expectAccessible(page);
  return page;
}

/** navigator.credentials.create / get in the page, with the options' JSON; the answer's JSON. */
const inBrowser = (page: Page, op: 'create' | 'get', options: unknown): Promise<Record<string, unknown>> =>
  page.evaluate(
    async ([op, json]) => {
      const P = PublicKeyCredential as unknown as {
        parseCreationOptionsFromJSON(j: unknown): PublicKeyCredentialCreationOptions;
        parseRequestOptionsFromJSON(j: unknown): PublicKeyCredentialRequestOptions;
      };
      const credential =
        op === 'create'
          ? await navigator.credentials.create({ publicKey: P.parseCreationOptionsFromJSON(json) })
          : await navigator.credentials.get({ publicKey: P.parseRequestOptionsFromJSON(json) });
      return (credential as unknown as { toJSON(): Record<string, unknown> }).toJSON();
    },
    [op, options] as const,
  );

describe('the MitID chip in Chromium', () => {
  test('registered on the MitID origin, then a login assertion with an empty allowCredentials', async () => {
    const { identityId, userId } = personWithMitid();
    const db = env.data.mitid.db;
    const secret = await mitidServerSecret(env.system, env.data);
    const rp = relyingPartyOf(env.system.mitidUrl);
    const handles = userHandles(secret);
    const now = () => Date.now();
    const hooks = createHooks();
    const authenticators = new Authenticators({ db, now, hooks, rules: mitidKinds().activationRules() });
    const registration = createChipRegistration({ db, now, random: cryptoRandom, rp, handles });
    const page = await pageWithChip();

    // Registration ("Tilføj chip"): cross-platform, resident key, UV, attestation none.
    const { registrationId, options } = await registration.registrationOptions({
      identityId,
      userId,
      displayName: 'Chip Person',
    });
    const created = await inBrowser(page, 'create', options);
    assert.equal(created.authenticatorAttachment, 'cross-platform');
    const finished = await db.transaction().execute((trx) =>
      registration.finishRegistration(trx, authenticators, {
        registrationId,
        identityId,
        response: created,
      }),
    );
    assert.ok(finished.ok, JSON.stringify(finished));
    const chip = await authenticators.get(finished.authenticatorId);
    assert.equal(chip?.kind, 'chip');
    assert.equal(chip?.label, 'MitID chip');
    const row = await db
      .withTables<ChipDb>()
      .selectFrom('chip_credentials')
      .selectAll()
      .where('authenticator_id', '=', finished.authenticatorId)
      .executeTakeFirstOrThrow();
    assert.equal(row.credential_id, created.id);
    assert.deepEqual(JSON.parse(row.transports), ['usb']);

    // The same chip again is excluded by the browser (excludeCredentials): InvalidStateError.
    const again = await registration.registrationOptions({ identityId, userId, displayName: 'Chip Person' });
    await assert.rejects(inBrowser(page, 'create', again.options), /InvalidStateError|excluded|already/i);

    // A login step: the options name no credential; the chip answers with its discoverable one.
    const authentications = new Authentications({ db, now, hooks });
    const auth = await authentications.create({
      id: `chip-browser-${cryptoRandom.token(8)}`,
      clientId: 'minbank',
      serviceName: 'Min Bank',
      action: 'login',
      text: 'Log på hos Min Bank',
      requestedLevel: 'high',
      requiresUv: true,
      kinds: ['chip', 'password'],
      challenge: cryptoRandom.token(16),
      who: { identityId },
      channel: { browserHash: 'chip-browser-test', secret: cryptoRandom.token(16), verified: true },
    });
    const kind = createChipKind({ rp, sealer: createSealer(secret), handles, random: cryptoRandom });
    const ctx = { db, now };
    const step = await kind.begin(ctx, chip as NonNullable<typeof chip>, auth);
    assert.ok(step.type === 'webauthn' && step.state);
    assert.deepEqual(step.options.allowCredentials, []);
    assert.ok(await authentications.startStep(auth.id, finished.authenticatorId, step.state));
    const asserted = await inBrowser(page, 'get', step.options);
    assert.equal(asserted.id, created.id);
    const read = await authentications.get(auth.id);
    assert.ok(read && chip);
    const outcome = await kind.complete(ctx, chip, read, { response: asserted });
    assert.ok(outcome.ok, JSON.stringify(outcome));
    assert.deepEqual(outcome.proof.methods, ['chip']);
    const added = await authentications.addProof(read, {
      proof: outcome.proof,
      challenge: read.challenge ?? '',
      stepState: step.state,
      evidence: { chip: chip.id },
      notifyEveryUse: false,
      ial: 'substantial',
    });
    assert.ok(added);
    const after = await authentications.get(auth.id);
    assert.equal(after?.status, 'pending', 'chip + password is high: the password is still to come');
    assert.equal(after?.step, null);
    const used = await db
      .withTables<ChipDb>()
      .selectFrom('chip_credentials')
      .select(['counter', 'last_used_at'])
      .where('authenticator_id', '=', chip.id)
      .executeTakeFirstOrThrow();
    assert.ok(Number(used.counter) > Number(row.counter), 'the chip counts its uses');
    assert.ok(Number(used.last_used_at) > 0);

    // The same assertion posted again: refused.
    assert.deepEqual(await kind.complete(ctx, chip, read, { response: asserted }), {
      ok: false,
      code: 'chip_wrong',
    });
  });
});
