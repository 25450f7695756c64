/**
 * The app's devices (one per user of an app on a phone or computer). Rules:
 * - a device is written only by activateDevice, in the activation's transaction (3 at most);
 * - only an active device of an active identity counts (the signed-request check reads both, and
 *   the transaction its path names, in one statement: forSignedRequest);
 * - PIN attempts are counted in one conditional UPDATE before any comparison (pinLimits.ts), so
 *   parallel attempts cannot pass the limit; a right PIN resets the count;
 * - the WebAuthn registration challenge is taken once; the credential's counter only moves up.
 */
import { type Kysely, type Selectable, sql } from 'kysely';
import type { AppDevicesTable, AppTransactionsTable, MitidDb } from '../../../core/db/index.ts';
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
import { type PinLogin, pinLoginOf, type Transaction, transactionFromRow } from './TransactionStore.ts';

export interface BiometricCredential {
  credentialId: string;
  publicKey: string;
  counter: number;
}

export interface Device {
  id: string;
  identityId: string;
  name: string;
  publicKey: PublicJwk;
  opaqueRecord: string;
  status: AppDevicesTable['status'];
  notifyEveryUse: boolean;
  usersInApp: number;
  pin: PinCounter;
  biometrics: BiometricCredential | null;
  createdAt: number;
}

export interface NewDevice {
  id: string;
  identityId: string;
  name: string;
  publicKey: PublicJwk;
  opaqueRecord: string;
  notifyEveryUse: boolean;
  usersInApp: number;
}

export type PinAttempt =
  | { ok: true; failures: number }
  | { ok: false; gate: PinGate | { open: false; gone: true } };

export const MAX_ACTIVE_DEVICES = 3;

/** What a signed request needs of the device's identity (its contacts are read only when needed). */
export type SigningIdentity = Pick<Identity, 'id' | 'userId' | 'status'>;

/** The transaction a signed request's path names, if it is the device's person's. */
export type SignedTransaction = Transaction & { pinLogin: PinLogin | null };

export interface ForSignedRequest {
  device: Device;
  identity: SigningIdentity;
  transaction: SignedTransaction | undefined;
}

const transactionColumns = [
  'id',
  'identity_id',
  'client_id',
  'service_name',
  'action',
  'text',
  'level',
  'requires_pin',
  'digest',
  'challenge',
  'status',
  'pin_device_id',
  'pin_login_state',
  'created_at',
  'expires_at',
  'decided_at',
  'decided_by',
  'method',
  'signature',
] as const satisfies readonly (keyof AppTransactionsTable)[];

const fromRow = (r: Selectable<AppDevicesTable>): Device => ({
  id: r.id,
  identityId: r.identity_id,
  name: r.name,
  publicKey: JSON.parse(r.public_key) as PublicJwk,
  opaqueRecord: r.opaque_record,
  status: r.status,
  notifyEveryUse: r.notify_every_use === 1,
  usersInApp: r.users_in_app,
  pin: { failures: r.pin_failures, blockedUntil: r.pin_blocked_until },
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

  async get(id: string): Promise<Device | undefined> {
    const row = await this.#db.selectFrom('app_devices').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  /**
   * One statement for the check in front of every signed request: the device, its identity, and
   * the transaction `transactionId` if it is that identity's (any status: the route decides).
   */
  async forSignedRequest(
    id: string,
    transactionId: string | undefined,
    now: number,
  ): Promise<ForSignedRequest | undefined> {
    const row = await this.#db
      .selectFrom('app_devices as d')
      .innerJoin('identities as i', 'i.id', 'd.identity_id')
      .leftJoin('app_transactions as t', (join) =>
        join.onRef('t.identity_id', '=', 'd.identity_id').on('t.id', '=', transactionId ?? ''),
      )
      .selectAll('d')
      .select(['i.user_id as identity_user_id', 'i.status as identity_status'])
      .select(transactionColumns.map((c) => `t.${c} as tx_${c}` as const))
      .where('d.id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    const identity = { id: row.identity_id, userId: row.identity_user_id, status: row.identity_status };
    if (transactionId === undefined || row.tx_id === null)
      return { device: fromRow(row), identity, transaction: undefined };
    const t = Object.fromEntries(
      transactionColumns.map((c) => [c, row[`tx_${c}`]]),
    ) as unknown as Selectable<AppTransactionsTable>;
    return {
      device: fromRow(row),
      identity,
      transaction: { ...transactionFromRow(t, now), pinLogin: pinLoginOf(t) },
    };
  }

  async activeFor(identityId: string, db: Kysely<MitidDb> = this.#db): Promise<Device[]> {
    const rows = await db
      .selectFrom('app_devices')
      .selectAll()
      .where('identity_id', '=', identityId)
      .where('status', '=', 'active')
      .orderBy('created_at')
      .execute();
    return rows.map(fromRow);
  }

  async countActive(identityId: string, db: Kysely<MitidDb> = this.#db): Promise<number> {
    const row = await db
      .selectFrom('app_devices')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('identity_id', '=', identityId)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Writes a new active device. Call through activateDevice, which keeps the limit. */
  async insert(d: NewDevice, now: number, db: Kysely<MitidDb> = this.#db): Promise<void> {
    await db
      .insertInto('app_devices')
      .values({
        id: d.id,
        identity_id: d.identityId,
        name: d.name,
        public_key: JSON.stringify(d.publicKey),
        opaque_record: d.opaqueRecord,
        status: 'active',
        notify_every_use: d.notifyEveryUse ? 1 : 0,
        users_in_app: d.usersInApp,
        pin_failures: 0,
        pin_blocked_until: null,
        webauthn_credential_id: null,
        webauthn_public_key: null,
        webauthn_counter: 0,
        webauthn_challenge: null,
        webauthn_challenge_expires_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }

  /** Removes the device for good (the app deleted this user, or support did). */
  async remove(id: string, now: number): Promise<boolean> {
    const res = await this.#db
      .updateTable('app_devices')
      .set({ status: 'removed', updated_at: now, webauthn_credential_id: null, webauthn_public_key: null })
      .where('id', '=', id)
      .where('status', '!=', 'removed')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /**
   * Counts a PIN attempt before anything is compared: one UPDATE that passes only while the gate
   * is open (pinGate) and moves the counter as countAttempt does. Refused: why the gate is shut.
   */
  async countPinAttempt(id: string, now: number): Promise<PinAttempt> {
    const row = await this.#db
      .updateTable('app_devices')
      .set({
        pin_failures: sql<number>`pin_failures + 1`,
        pin_blocked_until: sql<
          number | null
        >`case when (pin_failures + 1) % ${PIN_TRIES_PER_ROUND} = 0 and pin_failures + 1 < ${PIN_MAX_FAILURES} then ${now + PIN_BLOCK_MS} else pin_blocked_until end`,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('status', '=', 'active')
      .where('pin_failures', '<', PIN_MAX_FAILURES)
      .where((eb) => eb.or([eb('pin_blocked_until', 'is', null), eb('pin_blocked_until', '<=', now)]))
      .returning('pin_failures')
      .executeTakeFirst();
    if (row) return { ok: true, failures: row.pin_failures };
    const device = await this.get(id);
    if (device?.status !== 'active') return { ok: false, gate: { open: false, gone: true } };
    return { ok: false, gate: pinGate(device.pin, now) };
  }

  /** A right PIN: the count and any block end. */
  async pinSucceeded(id: string, now: number): Promise<void> {
    await this.#db
      .updateTable('app_devices')
      .set({ pin_failures: 0, pin_blocked_until: null, updated_at: now })
      .where('id', '=', id)
      .execute();
  }

  /** What the app reported: with more than one user in it, biometrics are turned off. */
  async setUsersInApp(id: string, users: number, now: number): Promise<void> {
    await this.#db
      .updateTable('app_devices')
      .set({
        users_in_app: users,
        updated_at: now,
        ...(users > 1
          ? { webauthn_credential_id: null, webauthn_public_key: null, webauthn_counter: 0 }
          : {}),
      })
      .where('id', '=', id)
      .execute();
  }

  async setWebauthnChallenge(id: string, challenge: string, expiresAt: number, now: number): Promise<void> {
    await this.#db
      .updateTable('app_devices')
      .set({ webauthn_challenge: challenge, webauthn_challenge_expires_at: expiresAt, updated_at: now })
      .where('id', '=', id)
      .execute();
  }

  /** The registration challenge, taken once and only before it expires. */
  async takeWebauthnChallenge(id: string, now: number): Promise<string | undefined> {
    const row = await this.#db
      .selectFrom('app_devices')
      .select(['webauthn_challenge', 'webauthn_challenge_expires_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    const challenge = row?.webauthn_challenge;
    if (!challenge) return undefined;
    const res = await this.#db
      .updateTable('app_devices')
      .set({ webauthn_challenge: null, webauthn_challenge_expires_at: null })
      .where('id', '=', id)
      .where('webauthn_challenge', '=', challenge)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return undefined;
    return (row.webauthn_challenge_expires_at ?? 0) > now ? challenge : undefined;
  }

  async setBiometrics(id: string, credential: BiometricCredential | null, now: number): Promise<void> {
    await this.#db
      .updateTable('app_devices')
      .set({
        webauthn_credential_id: credential?.credentialId ?? null,
        webauthn_public_key: credential?.publicKey ?? null,
        webauthn_counter: credential?.counter ?? 0,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
  }

  /** Moves the credential's counter from `from` to `to` (compare-and-set: a cloned key loses). */
  async advanceCounter(
    id: string,
    credentialId: string,
    from: number,
    to: number,
    now: number,
  ): Promise<boolean> {
    const res = await this.#db
      .updateTable('app_devices')
      .set({ webauthn_counter: to, updated_at: now })
      .where('id', '=', id)
      .where('webauthn_credential_id', '=', credentialId)
      .where('webauthn_counter', '=', from)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }
}
