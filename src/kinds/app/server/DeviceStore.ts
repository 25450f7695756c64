/**
 * The app kind's own data of an authenticator (docs/decisions/0010 §2.2): the device's public
 * key and biometrics (app_devices) and its PIN (app_pins), both keyed by the authenticator's id.
 * Its status, name and identity are the authenticator's (core/authenticators). Rules:
 * - a device is written only by activateDevice, in the activation's transaction, right after
 *   Authenticators.activate (which keeps the limit of 3);
 * - only an active app authenticator of an active identity counts: the signed-request check reads
 *   the device, its authenticator, PIN, identity and the authentication its path names (or, for the
 *   list, every authentication the device may see) in one statement (forSignedRequest);
 * - PIN attempts are counted in one conditional UPDATE before any comparison (pinLimits.ts), only
 *   while the authenticator is active, so parallel attempts cannot pass the limit; a right PIN
 *   resets the count;
 * - the WebAuthn registration challenge is taken once; the credential's counter only moves up.
 */
import { type Kysely, type Selectable, sql } from 'kysely';
import {
  AUTHENTICATION_COLUMNS,
  type Authentication,
  type AuthenticationsTable,
  authenticationFromRow,
  visibleTo,
} from '../../../core/authentications/index.ts';
import type { AuthenticatorStatus, Level } from '../../../core/authenticators/index.ts';
import type { AppDevicesTable, AppPinsTable, MitidDb } from '../../../core/db/index.ts';
import type { Identity } from '../../../core/identity/index.ts';
import type { PublicJwk } from './parsePublicJwk.ts';
import {
  PIN_BLOCK_MS,
  PIN_MAX_FAILURES,
  PIN_TRIES_PER_ROUND,
  type PinCounter,
  type PinGate,
  pinGate,
} from './pinLimits.ts';

export interface BiometricCredential {
  credentialId: string;
  publicKey: string;
  counter: number;
}

export interface Device {
  /** The authenticator's id. */
  id: string;
  identityId: string;
  /** The authenticator's label. */
  name: string;
  publicKey: PublicJwk;
  opaqueRecord: string;
  status: AuthenticatorStatus;
  usersInApp: number;
  pin: PinCounter;
  biometrics: BiometricCredential | null;
  createdAt: number;
}

/** The app's data of a new authenticator (its row is written by Authenticators.activate). */
export interface NewDevice {
  id: string;
  identityId: string;
  name: string;
  publicKey: PublicJwk;
  opaqueRecord: string;
  usersInApp: number;
}

export type PinAttempt =
  | { ok: true; failures: number }
  | { ok: false; gate: PinGate | { open: false; gone: true } };

export const MAX_ACTIVE_DEVICES = 3;

/** What a signed request needs of the device's identity (its contacts are read only when needed). */
export type SigningIdentity = Pick<Identity, 'id' | 'userId' | 'status'> & {
  notifyEveryUse: boolean;
  ial: Level;
};

export interface ForSignedRequest {
  device: Device;
  identity: SigningIdentity;
  /** The authentication the path names, if it is the device's person's (any status). */
  transaction: Authentication | undefined;
  /** With `{ pending: true }`: what the device may see, oldest first. */
  pending: Authentication[];
}

type DeviceRow = Selectable<AppDevicesTable> &
  Pick<Selectable<AppPinsTable>, 'opaque_record' | 'failures' | 'blocked_until'> & {
    identity_id: string;
    label: string;
    status: AuthenticatorStatus;
    created_at: number;
  };

const fromRow = (r: DeviceRow): Device => ({
  id: r.authenticator_id,
  identityId: r.identity_id,
  name: r.label,
  publicKey: JSON.parse(r.public_key) as PublicJwk,
  opaqueRecord: r.opaque_record,
  status: r.status,
  usersInApp: r.users_in_app,
  pin: { failures: r.failures, blockedUntil: r.blocked_until },
  biometrics:
    r.webauthn_credential_id && r.webauthn_public_key
      ? {
          credentialId: r.webauthn_credential_id,
          publicKey: r.webauthn_public_key,
          counter: Number(r.webauthn_counter),
        }
      : null,
  createdAt: r.created_at,
});

export class DeviceStore {
  readonly #db: Kysely<MitidDb>;
  constructor(db: Kysely<MitidDb>) {
    this.#db = db;
  }

  #devices(db: Kysely<MitidDb>) {
    return db
      .selectFrom('app_devices as d')
      .innerJoin('authenticators as a', 'a.id', 'd.authenticator_id')
      .innerJoin('app_pins as p', 'p.authenticator_id', 'd.authenticator_id')
      .selectAll('d')
      .select([
        'a.identity_id',
        'a.label',
        'a.status',
        'a.created_at',
        'p.opaque_record',
        'p.failures',
        'p.blocked_until',
      ]);
  }

  async get(id: string): Promise<Device | undefined> {
    const row = await this.#devices(this.#db).where('d.authenticator_id', '=', id).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  /**
   * One statement for the check in front of every signed request: the device with its
   * authenticator and PIN, its identity, and the authentication `transactionId` if it is that
   * identity's (any status: the route decides), or with `{ pending: true }` every authentication
   * the device may see (one row each).
   */
  async forSignedRequest(
    id: string,
    which: { transactionId: string | undefined } | { pending: true },
    now: number,
  ): Promise<ForSignedRequest | undefined> {
    const rows = await this.#devices(this.#db)
      .innerJoin('identities as i', 'i.id', 'a.identity_id')
      .leftJoin('authentications as t', (join) => {
        const on = join.onRef('t.identity_id', '=', 'a.identity_id');
        return 'pending' in which
          ? on.on(visibleTo('app', now))
          : on.on('t.id', '=', which.transactionId ?? '');
      })
      .select([
        'i.user_id as identity_user_id',
        'i.status as identity_status',
        'i.notify_every_use as identity_notify',
        'i.ial as identity_ial',
      ])
      .select(AUTHENTICATION_COLUMNS.map((c) => `t.${c} as tx_${c}` as const))
      .where('d.authenticator_id', '=', id)
      .where('a.kind', '=', 'app')
      .orderBy('t.created_at')
      .execute();
    const first = rows[0];
    if (!first) return undefined;
    const identity: SigningIdentity = {
      id: first.identity_id,
      userId: first.identity_user_id,
      status: first.identity_status,
      notifyEveryUse: first.identity_notify === 1,
      ial: first.identity_ial,
    };
    const found = rows
      .filter((r) => r.tx_id !== null)
      .map((r) =>
        authenticationFromRow(
          Object.fromEntries(
            AUTHENTICATION_COLUMNS.map((c) => [c, r[`tx_${c}`]]),
          ) as unknown as Selectable<AuthenticationsTable>,
          now,
        ),
      );
    return {
      device: fromRow(first),
      identity,
      transaction: 'pending' in which ? undefined : found[0],
      pending: 'pending' in which ? found : [],
    };
  }

  /** The identity's active app devices, oldest first. */
  async activeFor(identityId: string, db: Kysely<MitidDb> = this.#db): Promise<Device[]> {
    const rows = await this.#devices(db)
      .where('a.identity_id', '=', identityId)
      .where('a.status', '=', 'active')
      .orderBy('a.created_at')
      .execute();
    return rows.map(fromRow);
  }

  /** Writes the app's data of an authenticator just activated, in the activation's transaction. */
  async insert(d: NewDevice, now: number, db: Kysely<MitidDb> = this.#db): Promise<void> {
    await db
      .insertInto('app_devices')
      .values({
        authenticator_id: d.id,
        public_key: JSON.stringify(d.publicKey),
        users_in_app: d.usersInApp,
        webauthn_credential_id: null,
        webauthn_public_key: null,
        webauthn_counter: 0,
        webauthn_challenge: null,
        webauthn_challenge_expires_at: null,
      })
      .execute();
    await db
      .insertInto('app_pins')
      .values({
        authenticator_id: d.id,
        opaque_record: d.opaqueRecord,
        failures: 0,
        blocked_until: null,
        registered_at: now,
      })
      .execute();
  }

  /** The device's in-flight state and, when it is revoked, its biometric credential (onBlocked). */
  async dropInFlight(db: Kysely<MitidDb>, id: string, credentialToo: boolean): Promise<void> {
    await db
      .updateTable('app_devices')
      .set({
        webauthn_challenge: null,
        webauthn_challenge_expires_at: null,
        ...(credentialToo ? { webauthn_credential_id: null, webauthn_public_key: null } : {}),
      })
      .where('authenticator_id', '=', id)
      .execute();
  }

  /**
   * Counts a PIN attempt before anything is compared: one UPDATE that passes only while the gate
   * is open (pinGate) and the authenticator active, and moves the counter as countAttempt does.
   * Refused: why the gate is shut.
   */
  async countPinAttempt(id: string, now: number): Promise<PinAttempt> {
    const row = await this.#db
      .updateTable('app_pins')
      .set({
        failures: sql<number>`failures + 1`,
        blocked_until: sql<
          number | null
        >`case when (failures + 1) % ${PIN_TRIES_PER_ROUND} = 0 and failures + 1 < ${PIN_MAX_FAILURES} then ${now + PIN_BLOCK_MS} else blocked_until end`,
      })
      .where('authenticator_id', '=', id)
      .where('failures', '<', PIN_MAX_FAILURES)
      .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<=', now)]))
      .where((eb) =>
        eb.exists(
          eb.selectFrom('authenticators').select('id').where('id', '=', id).where('status', '=', 'active'),
        ),
      )
      .returning('failures')
      .executeTakeFirst();
    if (row) return { ok: true, failures: row.failures };
    const device = await this.get(id);
    if (device?.status !== 'active') return { ok: false, gate: { open: false, gone: true } };
    return { ok: false, gate: pinGate(device.pin, now) };
  }

  /** A right PIN: the count and any block end. */
  async pinSucceeded(id: string): Promise<void> {
    await this.#db
      .updateTable('app_pins')
      .set({ failures: 0, blocked_until: null })
      .where('authenticator_id', '=', id)
      .execute();
  }

  /** What the app reported: with more than one user in it, biometrics are turned off. */
  async setUsersInApp(id: string, users: number): Promise<void> {
    await this.#db
      .updateTable('app_devices')
      .set({
        users_in_app: users,
        ...(users > 1
          ? { webauthn_credential_id: null, webauthn_public_key: null, webauthn_counter: 0 }
          : {}),
      })
      .where('authenticator_id', '=', id)
      .execute();
  }

  async setWebauthnChallenge(id: string, challenge: string, expiresAt: number): Promise<void> {
    await this.#db
      .updateTable('app_devices')
      .set({ webauthn_challenge: challenge, webauthn_challenge_expires_at: expiresAt })
      .where('authenticator_id', '=', id)
      .execute();
  }

  /** The registration challenge, taken once and only before it expires. */
  async takeWebauthnChallenge(id: string, now: number): Promise<string | undefined> {
    const row = await this.#db
      .selectFrom('app_devices')
      .select(['webauthn_challenge', 'webauthn_challenge_expires_at'])
      .where('authenticator_id', '=', id)
      .executeTakeFirst();
    const challenge = row?.webauthn_challenge;
    if (!challenge) return undefined;
    const res = await this.#db
      .updateTable('app_devices')
      .set({ webauthn_challenge: null, webauthn_challenge_expires_at: null })
      .where('authenticator_id', '=', id)
      .where('webauthn_challenge', '=', challenge)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return undefined;
    return (row.webauthn_challenge_expires_at ?? 0) > now ? challenge : undefined;
  }

  async setBiometrics(id: string, credential: BiometricCredential | null): Promise<void> {
    await this.#db
      .updateTable('app_devices')
      .set({
        webauthn_credential_id: credential?.credentialId ?? null,
        webauthn_public_key: credential?.publicKey ?? null,
        webauthn_counter: credential?.counter ?? 0,
      })
      .where('authenticator_id', '=', id)
      .execute();
  }

  /** Moves the credential's counter from `from` to `to` (compare-and-set: a cloned key loses). */
  async advanceCounter(id: string, credentialId: string, from: number, to: number): Promise<boolean> {
    const res = await this.#db
      .updateTable('app_devices')
      .set({ webauthn_counter: to })
      .where('authenticator_id', '=', id)
      .where('webauthn_credential_id', '=', credentialId)
      .where('webauthn_counter', '=', from)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }
}
