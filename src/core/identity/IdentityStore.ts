/**
 * The MitID identity store: the data a person's MitID consists of. Rules:
 * - one identity per person (unique cpr); the person must be in the person registry;
 * - the user-ID follows userIdRules.ts for this person, is unique without regard to case (unique
 *   user_id_norm = normaliseUserId), and is not another person's NemID user-ID (reserved for its
 *   owner unless it is a CPR number: the NemidReservation port, which flows/nemid implements and
 *   the composition root passes in); the owner may take it;
 * - when two people take one user-ID at the same moment the unique index decides: exactly one
 *   wins, the other gets userIdTaken. The reads before the insert only give clearer answers;
 * - the identity and its contacts are written in one transaction: both or nothing;
 * - status changes follow identityStatus.ts, compare-and-set on the current status.
 * Refusals throw IdentityError (IdentityError.ts) and write nothing. Time and ids are passed in.
 */
import type { Kysely, Selectable } from 'kysely';
import type { IdentitiesTable, IdentityContactsTable, MitidDb } from '../db/index.ts';
import type { Identity, IdentityStatus, NewIdentity } from './Identity.ts';
import { IdentityError } from './IdentityError.ts';
import { statusesLeadingTo } from './identityStatus.ts';
import type { NemidReservation } from './NemidReservation.ts';
import { normaliseContacts } from './normaliseContacts.ts';
import { refusalForViolation } from './refusalForViolation.ts';
import { takenProblems, userIdRefusal } from './userIdRefusal.ts';
import type { UserIdProblem } from './userIdRules.ts';
import { canonicalUserId, normaliseUserId } from './userIdRules.ts';

export type UserIdAvailability =
  | { available: true }
  | {
      available: false;
      reason: 'invalidUserId' | 'userIdTaken' | 'userIdReserved';
      problems: readonly UserIdProblem[];
    };

/** Runs inside the creating transaction after each insert (crash and atomicity tests). */
export type AfterStep = (step: 'identity' | 'contacts') => Promise<void>;

export interface IdentityStoreOptions {
  /**
   * Whose NemID user-ID a user-ID is (src/flows/nemid's nemidReservation). Needed by every method
   * that checks a new user-ID (createIdentity, isUserIdAvailable, changeUserId); a store made
   * without it, for reading and status changes, refuses those with an Error rather than skip
   * the reservation.
   */
  nemidReservation?: NemidReservation;
  afterStep?: AfterStep;
}

export class IdentityStore {
  readonly #db: Kysely<MitidDb>;
  readonly #reservation: NemidReservation | undefined;
  readonly #afterStep: AfterStep | undefined;
  constructor(db: Kysely<MitidDb>, opts: IdentityStoreOptions = {}) {
    this.#db = db;
    this.#reservation = opts.nemidReservation;
    this.#afterStep = opts.afterStep;
  }

  /** The NemID reservation port; a programming error (not a refusal) when the store has none. */
  get #nemid(): NemidReservation {
    if (!this.#reservation) {
      throw new Error('This IdentityStore was made without a NemidReservation; it cannot check a user-ID');
    }
    return this.#reservation;
  }

  /** Creates the person's identity, pending activation. Throws IdentityError. */
  async createIdentity(input: NewIdentity, now: number, newId: string): Promise<Identity> {
    const contacts = normaliseContacts(input.contacts);
    if (await this.getByCpr(input.cpr)) throw new IdentityError('alreadyHasMitid');
    const refusal = await userIdRefusal(this.#nemid, input.userId, input.cpr);
    if (refusal) throw refusal;
    const identity: Identity = {
      id: newId,
      cpr: input.cpr,
      userId: canonicalUserId(input.userId),
      status: 'pending_activation',
      contacts,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await this.#db.transaction().execute(async (trx) => {
        // The insert comes first: on SQLite it takes the write lock at once, so the transaction
        // never holds a read snapshot that a concurrent writer could make stale.
        await trx
          .insertInto('identities')
          .values({
            id: identity.id,
            cpr: identity.cpr,
            user_id: identity.userId,
            user_id_norm: normaliseUserId(identity.userId),
            status: identity.status,
            created_at: now,
            updated_at: now,
          })
          .execute();
        await this.#afterStep?.('identity');
        if (contacts.length > 0) {
          await trx
            .insertInto('identity_contacts')
            .values(
              contacts.map((c) => ({
                identity_id: identity.id,
                channel: c.channel,
                value: c.value,
                confirmed_at: c.confirmedAt,
              })),
            )
            .execute();
        }
        await this.#afterStep?.('contacts');
      });
    } catch (err) {
      throw refusalForViolation(err) ?? err;
    }
    return identity;
  }

  /**
   * Whether `cpr`'s person could take `userId` right now: for live feedback while they type.
   * Advisory only (createIdentity decides). Tells whether a user-ID is in use, so it belongs
   * behind an identified person's session and a rate limit, never on an open endpoint.
   */
  async isUserIdAvailable(userId: string, cpr: string): Promise<UserIdAvailability> {
    const refusal = await userIdRefusal(this.#nemid, userId, cpr);
    if (refusal) {
      return {
        available: false,
        reason: refusal.reason as 'invalidUserId' | 'userIdReserved',
        problems: refusal.problems,
      };
    }
    const holder = await this.#db
      .selectFrom('identities')
      .select('cpr')
      .where('user_id_norm', '=', normaliseUserId(userId))
      .executeTakeFirst();
    if (holder && holder.cpr !== cpr)
      return { available: false, reason: 'userIdTaken', problems: takenProblems };
    return { available: true };
  }

  async getById(id: string): Promise<Identity | undefined> {
    return this.#load(
      await this.#db.selectFrom('identities').selectAll().where('id', '=', id).executeTakeFirst(),
    );
  }

  async getByCpr(cpr: string): Promise<Identity | undefined> {
    return this.#load(
      await this.#db.selectFrom('identities').selectAll().where('cpr', '=', cpr).executeTakeFirst(),
    );
  }

  /** Finds the identity by user-ID without regard to case ("ANNA" finds "anna"). */
  async getByUserId(userId: string): Promise<Identity | undefined> {
    if (typeof userId !== 'string') return undefined;
    return this.#load(
      await this.#db
        .selectFrom('identities')
        .selectAll()
        .where('user_id_norm', '=', normaliseUserId(userId))
        .executeTakeFirst(),
    );
  }

  /**
   * Moves the identity to `status` if identityStatus.ts allows it from the current one
   * (compare-and-set, so two concurrent changes cannot both apply to the same old status).
   * Asking for the status it already has changes nothing. Throws notFound, statusChangeNotAllowed.
   */
  async setStatus(id: string, status: IdentityStatus, now: number): Promise<Identity> {
    const from = statusesLeadingTo(status);
    if (from.length > 0) {
      const res = await this.#db
        .updateTable('identities')
        .set({ status, updated_at: now })
        .where('id', '=', id)
        .where('status', 'in', from)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 1) return this.#getOrThrow(id);
    }
    const current = await this.#getOrThrow(id);
    if (current.status === status) return current;
    throw new IdentityError('statusChangeNotAllowed');
  }

  /** The person's "besked hver gang" (told of every use of their MitID), chosen in the app. */
  async setNotifyEveryUse(id: string, on: boolean, now: number): Promise<void> {
    await this.#db
      .updateTable('identities')
      .set({ notify_every_use: on ? 1 : 0, updated_at: now })
      .where('id', '=', id)
      .execute();
  }

  /**
   * Changes the user-ID under the same rules as createIdentity (MitID.dk self-service); a change of
   * case only ("anna" → "Anna") is allowed. The old user-ID is free at once. Throws IdentityError.
   */
  async changeUserId(id: string, userId: string, now: number): Promise<Identity> {
    const current = await this.#getOrThrow(id);
    if (current.status === 'revoked') throw new IdentityError('revoked');
    const refusal = await userIdRefusal(this.#nemid, userId, current.cpr);
    if (refusal) throw refusal;
    const canonical = canonicalUserId(userId);
    let updated: number;
    try {
      const res = await this.#db
        .updateTable('identities')
        .set({ user_id: canonical, user_id_norm: normaliseUserId(canonical), updated_at: now })
        .where('id', '=', id)
        .where('status', '!=', 'revoked')
        .executeTakeFirst();
      updated = Number(res.numUpdatedRows);
    } catch (err) {
      throw refusalForViolation(err) ?? err;
    }
    if (updated !== 1) throw new IdentityError('revoked'); // revoked in the meantime
    return { ...current, userId: canonical, updatedAt: now };
  }

  async #getOrThrow(id: string): Promise<Identity> {
    const identity = await this.getById(id);
    if (!identity) throw new IdentityError('notFound');
    return identity;
  }

  async #load(row: Selectable<IdentitiesTable> | undefined): Promise<Identity | undefined> {
    if (!row) return undefined;
    const contacts = await this.#db
      .selectFrom('identity_contacts')
      .selectAll()
      .where('identity_id', '=', row.id)
      .orderBy('channel')
      .execute();
    return identityFromRows(row, contacts);
  }
}

function identityFromRows(
  row: Selectable<IdentitiesTable>,
  contacts: Selectable<IdentityContactsTable>[],
): Identity {
  return {
    id: row.id,
    cpr: row.cpr,
    userId: row.user_id,
    status: row.status,
    contacts: contacts.map((c) => ({ channel: c.channel, value: c.value, confirmedAt: c.confirmed_at })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
