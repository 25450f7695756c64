/**
 * Registering a chip on MitID.dk ("Tilføj chip", decision 0014 §6): the WebAuthn ceremony, for
 * the self-service flow's port (it declares the interface; these functions fit it structurally).
 * Rules:
 * - the options ask for a roaming key (cross-platform) with a discoverable credential and user
 *   verification, attestation none, and exclude the person's chips; user.id is the opaque
 *   per-identity handle (userHandle.ts), never the CPR number, the user-ID or the uuid;
 * - a ceremony is the person's, lives 5 minutes and is used once: the finish's first statement
 *   is the conditional UPDATE that marks it used, whatever follows (a wrong answer needs a new
 *   ceremony, so one challenge gives one try); it is named by its id, or, without one, by the
 *   challenge the response answers (the self-service's port keeps no id);
 * - the response is verified (origin, RP id, challenge, user presence) and must carry the UV flag;
 * - then, in the caller's transaction: Authenticators.activate (kind chip, one active per person)
 *   and the credential row. A refusal after the ceremony's UPDATE writes nothing else.
 */
import {
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type RegistrationResponseJSON,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type { Kysely } from 'kysely';
import type { Activated, NewAuthenticator } from '../../core/authenticators/index.ts';
import type { MitidDb } from '../../core/db/index.ts';
import { MINUTE } from '../../platform/clock.ts';
import type { Random } from '../../platform/random.ts';
import { ChipCredentials } from './ChipCredentials.ts';
import { CHIP_LABEL } from './chipDescriptor.ts';
import type { RelyingParty } from './relyingParty.ts';
import type { ChipDb } from './tables.ts';
import type { UserHandles } from './userHandle.ts';

export const REGISTRATION_TTL_MS = 5 * MINUTE;
/** How long the browser waits for the chip's press. */
export const CEREMONY_TIMEOUT_MS = 2 * MINUTE;
const TRANSPORTS = new Set(['usb', 'nfc', 'ble', 'hybrid', 'smart-card', 'cable', 'internal']);

export type RegistrationRefusal = 'expired' | 'invalid' | 'notUserVerified' | 'alreadyRegistered' | 'tooMany';
export type FinishedRegistration =
  | { ok: true; authenticatorId: string }
  | { ok: false; reason: RegistrationRefusal };

/** What of the core's Authenticators the finish needs (its activate, in the caller's transaction). */
export interface ChipActivator {
  activate(trx: Kysely<MitidDb>, a: NewAuthenticator): Promise<Activated>;
}

export interface ChipRegistrationDeps {
  db: Kysely<MitidDb>;
  now(): number;
  random: Random;
  rp: RelyingParty;
  handles: UserHandles;
}

export interface ChipRegistration {
  registrationOptions(p: {
    identityId: string;
    userId: string;
    displayName: string;
  }): Promise<{ registrationId: string; options: PublicKeyCredentialCreationOptionsJSON }>;
  finishRegistration(
    trx: Kysely<MitidDb>,
    authenticators: ChipActivator,
    p: { registrationId?: string; identityId: string; response: unknown },
  ): Promise<FinishedRegistration>;
}

export function createChipRegistration(d: ChipRegistrationDeps): ChipRegistration {
  return {
    async registrationOptions({ identityId, userId, displayName }) {
      const own = await new ChipCredentials(d.db).ofIdentity(identityId);
      const options = await generateRegistrationOptions({
        rpName: d.rp.name,
        rpID: d.rp.id,
        userName: userId,
        userDisplayName: displayName,
        userID: new Uint8Array(Buffer.from(d.handles(identityId), 'base64url')),
        challenge: new Uint8Array(Buffer.from(d.random.token(32), 'base64url')),
        timeout: CEREMONY_TIMEOUT_MS,
        attestationType: 'none',
        authenticatorSelection: {
          authenticatorAttachment: 'cross-platform',
          residentKey: 'required',
          userVerification: 'required',
        },
        excludeCredentials: own.map((c) => ({
          id: c.credentialId,
          transports: c.transports.filter(isTransport),
        })),
      });
      const registrationId = d.random.token(18);
      await d.db
        .withTables<ChipDb>()
        .insertInto('chip_registrations')
        .values({
          id: registrationId,
          identity_id: identityId,
          challenge: options.challenge,
          expires_at: d.now() + REGISTRATION_TTL_MS,
          used_at: null,
        })
        .execute();
      return { registrationId, options };
    },

    async finishRegistration(trx, authenticators, { registrationId, identityId, response }) {
      const now = d.now();
      // Without the ceremony's id (the self-service's port), the ceremony is the one whose
      // challenge the response answers; the person's own, either way.
      const challenge = registrationId === undefined ? challengeOf(response) : undefined;
      if (registrationId === undefined && challenge === undefined) return refused('invalid');
      const taken = await trx
        .withTables<ChipDb>()
        .updateTable('chip_registrations')
        .set({ used_at: now })
        .$if(registrationId !== undefined, (qb) => qb.where('id', '=', registrationId ?? ''))
        .$if(challenge !== undefined, (qb) => qb.where('challenge', '=', challenge ?? ''))
        .where('identity_id', '=', identityId)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .returning('challenge')
        .executeTakeFirst();
      if (!taken) return refused('expired');
      const verified = await verified_(response, taken.challenge, d.rp);
      if (!verified.ok) return verified;
      const { credential, aaguid } = verified;
      const credentials = new ChipCredentials(trx);
      if (await credentials.exists(credential.id)) return refused('alreadyRegistered');
      const authenticatorId = d.random.token(18);
      const activated = await authenticators.activate(trx, {
        id: authenticatorId,
        identityId,
        kind: 'chip',
        label: CHIP_LABEL,
      });
      if (!activated.ok)
        return refused(activated.code === 'ERR_TOO_MANY_AUTHENTICATORS' ? 'tooMany' : 'invalid');
      // A concurrent registration of the same credential id (only a forged response could make
      // one) fails this INSERT on the unique index and so rolls the caller's transaction back.
      await credentials.insert({
        authenticator_id: authenticatorId,
        credential_id: credential.id,
        public_key: Buffer.from(credential.publicKey).toString('base64url'),
        counter: credential.counter,
        transports: JSON.stringify((credential.transports ?? []).filter(isTransport)),
        aaguid,
        created_at: now,
        last_used_at: null,
      });
      return { ok: true, authenticatorId };
    },
  };
}

const refused = (reason: RegistrationRefusal): FinishedRegistration => ({ ok: false, reason });
const isTransport = (
  t: string,
): t is 'usb' | 'nfc' | 'ble' | 'hybrid' | 'smart-card' | 'cable' | 'internal' => TRANSPORTS.has(t);

type Verified =
  | {
      ok: true;
      credential: { id: string; publicKey: Uint8Array; counter: number; transports?: string[] };
      aaguid: string;
    }
  | { ok: false; reason: RegistrationRefusal };

/** The library's checks; the UV flag read here, so its absence has its own answer. */
async function verified_(response: unknown, challenge: string, rp: RelyingParty): Promise<Verified> {
  if (!isResponse(response) || response.authenticatorAttachment === 'platform')
    return refused('invalid') as Verified;
  try {
    const result = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserPresence: true,
      requireUserVerification: false,
    });
    if (!result.verified) return { ok: false, reason: 'invalid' };
    if (!result.registrationInfo.userVerified) return { ok: false, reason: 'notUserVerified' };
    const { credential, aaguid } = result.registrationInfo;
    return { ok: true, credential, aaguid };
  } catch {
    return { ok: false, reason: 'invalid' };
  }
}

/** The challenge the response's clientDataJSON answers, if it can be read. */
function challengeOf(response: unknown): string | undefined {
  if (!isResponse(response)) return undefined;
  const data = (response.response as { clientDataJSON?: unknown }).clientDataJSON;
  if (typeof data !== 'string' || data.length > 4096) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(data, 'base64url').toString('utf8')) as { challenge?: unknown };
    return typeof parsed.challenge === 'string' && parsed.challenge.length > 0 ? parsed.challenge : undefined;
  } catch {
    return undefined;
  }
}

/** The outer shape; the library checks the rest (a credential id of at most 1023 characters). */
function isResponse(r: unknown): r is RegistrationResponseJSON {
  if (typeof r !== 'object' || r === null) return false;
  const o = r as Record<string, unknown>;
  return (
    typeof o.id === 'string' &&
    o.id.length > 0 &&
    o.id.length <= 1023 &&
    o.rawId === o.id &&
    o.type === 'public-key' &&
    typeof o.response === 'object' &&
    o.response !== null
  );
}
