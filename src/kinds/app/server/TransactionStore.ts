/**
 * Transactions a service asks a person to approve in the app. Rules:
 * - a transaction lives 5 minutes; after that it is expired, whatever its stored status says;
 * - its digest is computed once from the shown fields (transactionDigest.ts) and never changes;
 * - a service's transaction names its person by user-ID; the identity is looked up in the same
 *   INSERT (only an active MitID: else the transaction is for nobody and no device sees it);
 * - the OPAQUE login in flight is used once (compare-and-set): the decision that uses it clears
 *   it in its own UPDATE, and every refusal after it was read clears it (dropPin);
 * - the decision moves it from pending to approved or rejected in one conditional UPDATE that
 *   also consumes the challenge: of two decisions exactly one wins, a replay finds nothing.
 */
import type { Kysely, Selectable } from 'kysely';
import type { AppTransactionsTable, MitidDb } from '../../../core/db/index.ts';
import { normaliseUserId } from '../../../core/identity/index.ts';
import { MINUTE } from '../../../platform/clock.ts';
import type { Decision } from './approvalString.ts';
import { transactionDigest } from './transactionDigest.ts';

export const TRANSACTION_TTL_MS = 5 * MINUTE;
export const MAX_TEXT_LENGTH = 130;

export const actions = ['login', 'approve', 'confirm', 'accept', 'sign'] as const;
export type Action = (typeof actions)[number];
export const levels = ['substantial', 'high'] as const;
export type Level = (typeof levels)[number];

export type TransactionStatus = 'pending' | 'approved' | 'rejected' | 'expired';

export interface Transaction {
  id: string;
  identityId: string | null;
  clientId: string;
  serviceName: string;
  action: Action;
  text: string;
  level: Level;
  requiresPin: boolean;
  digest: string;
  challenge: string | null;
  status: TransactionStatus;
  createdAt: number;
  expiresAt: number;
  decidedAt: number | null;
  decidedBy: string | null;
  method: AppTransactionsTable['method'];
}

export interface NewTransaction {
  id: string;
  identityId: string | null;
  clientId: string;
  serviceName: string;
  action: Action;
  text: string;
  level: Level;
  challenge: string;
}

/** The PIN or biometrics are needed for level high, and for every approval of a payment. */
export const requiresPin = (action: Action, level: Level): boolean =>
  level === 'high' || action === 'approve';

/** A service's transaction for the holder of a user-ID (the identity is found in the INSERT). */
export type NewTransactionForUserId = Omit<NewTransaction, 'identityId'> & { userId: string };

/** The OPAQUE login in flight for a transaction: the device that started it and its sealed state. */
export interface PinLogin {
  deviceId: string;
  sealedState: string;
}

export const transactionFromRow = (r: Selectable<AppTransactionsTable>, now: number): Transaction => ({
  id: r.id,
  identityId: r.identity_id,
  clientId: r.client_id,
  serviceName: r.service_name,
  action: r.action,
  text: r.text,
  level: r.level,
  requiresPin: r.requires_pin === 1,
  digest: r.digest,
  challenge: r.challenge,
  status: r.status === 'pending' && r.expires_at <= now ? 'expired' : r.status,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  decidedAt: r.decided_at,
  decidedBy: r.decided_by,
  method: r.method,
});

/** The PIN login in flight on a transaction row, if any. */
export const pinLoginOf = (r: Pick<Selectable<AppTransactionsTable>, 'pin_device_id' | 'pin_login_state'>) =>
  r.pin_device_id !== null && r.pin_login_state !== null
    ? { deviceId: r.pin_device_id, sealedState: r.pin_login_state }
    : null;

export interface DecisionRecord {
  challenge: string;
  decision: Decision;
  deviceId: string;
  method: 'pin' | 'biometrics' | 'none';
  signature: string;
  /** The sealed PIN login this decision used: it must still be the one in flight (and is cleared). */
  pinLogin?: string;
}

export class TransactionStore {
  readonly #db: Kysely<MitidDb>;
  constructor(db: Kysely<MitidDb>) {
    this.#db = db;
  }

  async create(t: NewTransaction, now: number): Promise<Transaction> {
    const row = newRow(t, t.identityId, now);
    await this.#db.insertInto('app_transactions').values(row).execute();
    return transactionFromRow(row, now);
  }

  /** One statement: the identity holding `userId` with an active MitID, or nobody, in the INSERT. */
  async createForUserId(t: NewTransactionForUserId, now: number): Promise<Transaction> {
    const row = newRow(t, null, now);
    const inserted = await this.#db
      .insertInto('app_transactions')
      .values({
        ...row,
        identity_id: (eb) =>
          eb
            .selectFrom('identities')
            .select('id')
            .where('user_id_norm', '=', normaliseUserId(t.userId))
            .where('status', '=', 'active'),
      })
      .returning('identity_id')
      .executeTakeFirstOrThrow();
    return transactionFromRow({ ...row, identity_id: inserted.identity_id }, now);
  }

  async get(id: string, now: number): Promise<Transaction | undefined> {
    const row = await this.#db
      .selectFrom('app_transactions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? transactionFromRow(row, now) : undefined;
  }

  /** What waits for the person, oldest first. */
  async pendingFor(identityId: string, now: number): Promise<Transaction[]> {
    const rows = await this.#db
      .selectFrom('app_transactions')
      .selectAll()
      .where('identity_id', '=', identityId)
      .where('status', '=', 'pending')
      .where('expires_at', '>', now)
      .orderBy('created_at')
      .execute();
    return rows.map((r) => transactionFromRow(r, now));
  }

  /** Keeps the (sealed) OPAQUE login state of a PIN check just started, replacing any earlier one. */
  async startPin(id: string, deviceId: string, sealedState: string, now: number): Promise<boolean> {
    const res = await this.#db
      .updateTable('app_transactions')
      .set({ pin_device_id: deviceId, pin_login_state: sealedState })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** Clears the login state `deviceId` started, if it is still `sealedState`; false if it was not. */
  async dropPin(id: string, deviceId: string, sealedState: string): Promise<boolean> {
    const res = await this.#db
      .updateTable('app_transactions')
      .set({ pin_device_id: null, pin_login_state: null })
      .where('id', '=', id)
      .where('pin_device_id', '=', deviceId)
      .where('pin_login_state', '=', sealedState)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** pending → approved / rejected, consuming the challenge; false when it was not pending. */
  async decide(id: string, d: DecisionRecord, now: number): Promise<boolean> {
    const res = await this.#db
      .updateTable('app_transactions')
      .set({
        status: d.decision === 'approve' ? 'approved' : 'rejected',
        challenge: null,
        pin_device_id: null,
        pin_login_state: null,
        decided_at: now,
        decided_by: d.deviceId,
        method: d.method,
        signature: d.signature,
      })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where('challenge', '=', d.challenge)
      .where('expires_at', '>', now)
      .$if(d.pinLogin !== undefined, (qb) =>
        qb.where('pin_device_id', '=', d.deviceId).where('pin_login_state', '=', d.pinLogin ?? ''),
      )
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }
}

function newRow(
  t: Omit<NewTransaction, 'identityId'>,
  identityId: string | null,
  now: number,
): Selectable<AppTransactionsTable> {
  return {
    id: t.id,
    identity_id: identityId,
    client_id: t.clientId,
    service_name: t.serviceName,
    action: t.action,
    text: t.text,
    level: t.level,
    requires_pin: requiresPin(t.action, t.level) ? 1 : 0,
    digest: transactionDigest({ ...t, createdAt: now }),
    challenge: t.challenge,
    status: 'pending',
    pin_device_id: null,
    pin_login_state: null,
    created_at: now,
    expires_at: now + TRANSACTION_TTL_MS,
    decided_at: null,
    decided_by: null,
    method: null,
    signature: null,
  };
}
