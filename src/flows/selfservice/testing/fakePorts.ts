/**
 * In-memory implementations of the self-service's ports for its tests, until the kinds land
 * (kinds/password, kinds/chip). They keep the contract the real ones will: the authenticator
 * row in the caller's transaction (so a rollback takes it away), a refusal as a value.
 * FakePasswords keeps SHA-256 digests (test code only; the real kind uses Argon2id) and a few
 * of the rules (length, the user-ID in it).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { MitidDb } from '../../../core/db/index.ts';
import type { ChipOrderResult, ChipOrders, ChipRefusal, ChipRegistration, PasswordPort } from '../ports.ts';

const digest = (pw: string): string => createHash('sha256').update(pw).digest('hex');

async function addAuthenticator(
  trx: Kysely<MitidDb>,
  identityId: string,
  kind: 'password' | 'chip',
  label: string,
  now: number,
): Promise<string> {
  const id = randomUUID();
  await trx
    .insertInto('authenticators')
    .values({
      id,
      identity_id: identityId,
      kind,
      status: 'active',
      label,
      factors: JSON.stringify(kind === 'password' ? ['knowledge'] : ['possession']),
      max_level: kind === 'password' ? 'substantial' : 'high',
      blocked_reason: null,
      blocked_by: null,
      created_at: now,
      activated_at: now,
      blocked_at: null,
      revoked_at: null,
      updated_at: now,
    })
    .execute();
  return id;
}

export class FakePasswords implements PasswordPort {
  /** identityId → digest of the current password (committed or not: tests read after commit). */
  readonly digests = new Map<string, string>();
  readonly #now: () => number;
  constructor(now: () => number) {
    this.#now = now;
  }

  problems(password: string, userId: string): readonly string[] {
    const out: string[] = [];
    const n = [...password.normalize('NFC')].length;
    if (n < 8 || n > 64) out.push('password.rule.length');
    if (password.toLowerCase().includes(userId.toLowerCase())) out.push('password.rule.userId');
    return out;
  }

  async create(trx: Kysely<MitidDb>, input: { identityId: string; password: string }): Promise<void> {
    await addAuthenticator(trx, input.identityId, 'password', 'Adgangskode', this.#now());
    this.digests.set(input.identityId, digest(input.password));
  }

  async change(trx: Kysely<MitidDb>, input: { identityId: string; password: string }): Promise<boolean> {
    const row = await trx
      .selectFrom('authenticators')
      .select('id')
      .where('identity_id', '=', input.identityId)
      .where('kind', '=', 'password')
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (!row) return false;
    this.digests.set(input.identityId, digest(input.password));
    return true;
  }

  /** Whether `password` is the person's current one. */
  verifies(identityId: string, password: string): boolean {
    return this.digests.get(identityId) === digest(password);
  }

  /** A password the person already has (as the enrollment with a code device leaves it). */
  async give(db: Kysely<MitidDb>, identityId: string, password: string): Promise<void> {
    await db.transaction().execute((trx) => this.create(trx, { identityId, password }));
  }
}

/** A chip whose "attestation" is the challenge it was given, echoed back. */
export class FakeChip implements ChipRegistration {
  readonly #challenges = new Map<string, string>();
  readonly #now: () => number;
  constructor(now: () => number) {
    this.#now = now;
  }

  async options(input: {
    identityId: string;
    userId: string;
    displayName: string;
  }): Promise<Record<string, unknown>> {
    const challenge = randomUUID();
    this.#challenges.set(input.identityId, challenge);
    return {
      challenge,
      rp: { name: 'MitID' },
      user: { id: input.identityId, name: input.userId, displayName: input.displayName },
      authenticatorSelection: {
        authenticatorAttachment: 'cross-platform',
        residentKey: 'required',
        userVerification: 'required',
      },
      attestation: 'none',
    };
  }

  async finish(
    trx: Kysely<MitidDb>,
    input: { identityId: string; response: unknown },
  ): Promise<{ ok: true; authenticatorId: string } | { ok: false; reason: ChipRefusal }> {
    const expected = this.#challenges.get(input.identityId);
    const given = (input.response as { challenge?: unknown } | null)?.challenge;
    if (!expected || given !== expected) return { ok: false, reason: 'chip_failed' };
    this.#challenges.delete(input.identityId);
    return {
      ok: true,
      authenticatorId: await addAuthenticator(trx, input.identityId, 'chip', 'MitID chip', this.#now()),
    };
  }
}

/** Chip orders kept in memory: one open order per CPR number, as the orders' index keeps it. */
export class FakeChipOrders implements ChipOrders {
  readonly orders = new Map<string, { orderId: string; lang: string }>();
  async place(input: { cpr: string; lang: 'da' | 'en' }): Promise<ChipOrderResult> {
    if (this.orders.has(input.cpr)) return { ok: false, reason: 'alreadyOrdered' };
    const orderId = `MC-${String(this.orders.size + 1).padStart(6, '0')}`;
    this.orders.set(input.cpr, { orderId, lang: input.lang });
    return { ok: true, orderId, priceOre: 14360 };
  }
}
