/**
 * Gives a person NemID: user-ID, password and a key card. Rules:
 * - the person exists and has no NemID yet; the user-ID is free (without regard to case);
 * - user-ID and password follow nemidUserId.ts / nemidPassword.ts;
 * - bad input throws InvalidInputError before anything is written;
 * - credentials, card and codes are written in ONE transaction: a crash half-way leaves nothing.
 *   `afterStep` runs between the inserts inside the transaction (crash tests pause there).
 * Hashing (slow, on purpose) happens before the transaction so it holds no locks meanwhile.
 * A card number collision (1 in 10^9 per pair) fails the unique constraint and rolls back.
 */
import type { Kysely, Transaction } from 'kysely';
import type { MitidDb } from '../../core/db/index.ts';
import { type FieldProblem, InvalidInputError, validateCpr } from '../../core/people/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Random } from '../../platform/random.ts';
import { type GeneratedKeyCard, generateKeyCard } from './generateKeyCard.ts';
import { nemidPasswordProblem } from './nemidPassword.ts';
import { validateNemidUserId } from './nemidUserId.ts';
import { hashPassword } from './passwordHash.ts';

export interface NemidIdentityInput {
  cpr: string;
  userId: string;
  password: string;
}

export interface NemidIdentity {
  cpr: string;
  userId: string;
  keyCard: GeneratedKeyCard;
}

export type AfterStep = (step: string) => Promise<void>;

export async function createNemidIdentity(
  db: Kysely<MitidDb>,
  random: Random,
  clock: Clock,
  input: NemidIdentityInput,
  afterStep?: AfterStep,
): Promise<NemidIdentity> {
  const prepared = await prepareNemidIdentity(db, random, clock, input);
  const person = await db
    .selectFrom('people')
    .select('cpr')
    .where('cpr', '=', prepared.cpr)
    .executeTakeFirst();
  if (!person) throw new InvalidInputError([{ field: 'cpr', reason: 'unknown_person' }]);
  await db.transaction().execute((trx) => writeNemidIdentity(trx, prepared, afterStep));
  return { cpr: prepared.cpr, userId: prepared.userId, keyCard: prepared.keyCard };
}

/** Everything that can be checked and computed before the transaction. */
export interface PreparedNemidIdentity {
  cpr: string;
  userId: string;
  userIdNorm: string;
  passwordHash: string;
  keyCard: GeneratedKeyCard;
  now: number;
}

/**
 * Validates the input, checks that the user-ID is free and the person has no NemID, hashes the
 * password and draws the key card. Writes nothing; throws InvalidInputError.
 */
export async function prepareNemidIdentity(
  db: Kysely<MitidDb>,
  random: Random,
  clock: Clock,
  input: NemidIdentityInput,
): Promise<PreparedNemidIdentity> {
  const problems: FieldProblem[] = [];
  const cprCheck = validateCpr(typeof input.cpr === 'string' ? input.cpr : '');
  const cpr = cprCheck.ok ? cprCheck.cpr : '';
  if (!cprCheck.ok) problems.push({ field: 'cpr', reason: cprCheck.reason });
  const user = validateNemidUserId(input.userId, cpr);
  if (!user.ok) problems.push({ field: 'userId', reason: user.reason });
  const pwProblem = nemidPasswordProblem(input.password, user.ok ? user.userId : '', cpr);
  if (pwProblem) problems.push({ field: 'password', reason: pwProblem });
  if (problems.length > 0 || !user.ok) throw new InvalidInputError(problems);

  const existing = await db
    .selectFrom('nemid_credentials')
    .select('cpr')
    .where('cpr', '=', cpr)
    .executeTakeFirst();
  if (existing) throw new InvalidInputError([{ field: 'cpr', reason: 'has_nemid' }]);
  const taken = await db
    .selectFrom('nemid_credentials')
    .select('cpr')
    .where('user_id_norm', '=', user.norm)
    .executeTakeFirst();
  if (taken) throw new InvalidInputError([{ field: 'userId', reason: 'taken' }]);

  return {
    cpr,
    userId: user.userId,
    userIdNorm: user.norm,
    passwordHash: await hashPassword(input.password),
    keyCard: generateKeyCard(random),
    now: clock.now().getTime(),
  };
}

/** Writes credentials, card and codes inside the caller's transaction. */
export async function writeNemidIdentity(
  trx: Transaction<MitidDb>,
  p: PreparedNemidIdentity,
  afterStep?: AfterStep,
): Promise<void> {
  const step = afterStep ?? (async () => {});
  await trx
    .insertInto('nemid_credentials')
    .values({
      cpr: p.cpr,
      user_id: p.userId,
      user_id_norm: p.userIdNorm,
      password_hash: p.passwordHash,
      created_at: p.now,
    })
    .execute();
  await step('credentials');
  await insertKeyCard(trx, p.cpr, p.keyCard, p.now, step);
}

/** Inserts an active card and its codes (inside the caller's transaction). */
export async function insertKeyCard(
  trx: Transaction<MitidDb>,
  cpr: string,
  card: GeneratedKeyCard,
  now: number,
  step: AfterStep,
): Promise<void> {
  await trx
    .insertInto('nemid_key_cards')
    .values({ id: card.id, cpr, card_number: card.cardNumber, active: 1, issued_at: now })
    .execute();
  await step('card');
  await trx
    .insertInto('nemid_key_codes')
    .values(card.codes.map((c) => ({ card_id: card.id, key_no: c.keyNo, code: c.code, used_at: null })))
    .execute();
  await step('codes');
}
