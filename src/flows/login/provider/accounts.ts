/**
 * Who logged in, as the tokens tell it (decision 0012 §3):
 * - the account id is the MitID uuid (identities.id); `sub` is pairwise per client organisation
 *   (settings.organisation, default the client id): a UUID-formatted HMAC-SHA-256 of the
 *   organisation and the uuid under a key derived from the server secret, so two organisations
 *   cannot join their users by `sub`, and the uuid itself is a claim where the dialect gives it;
 * - the login's facts (the authentication's id, amr, loa/ial/aal, auth time) are written when the
 *   interaction finishes, keyed by the Grant's id, in oidc_payloads under the model name
 *   `LoginFacts` (not one of the library's models: the library never reads it). A code and an
 *   access token carry their grant's id, so the token endpoint and userinfo find the login they
 *   come from. It lives as long as the Grant, and the service's sweep deletes it with the rest.
 *   A new login makes a new Grant, so an SSO login (prompt=none) reports the login its session
 *   made, never a later one's;
 * - findAccount reads the identity (active only) and the person; the dialect makes the claims.
 */
import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Action } from '../../../core/authentications/index.ts';
import type { Level, Method } from '../../../core/authenticators/index.ts';
import type { MitidDb } from '../../../core/db/index.ts';
import { fullName } from '../../../core/people/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import { precompile } from '../../../platform/db/precompiled.ts';
import { deriveSubkey } from '../../../platform/keys/deriveSubkey.ts';
import type { LoginFacts, PersonFacts } from '../dialects/Dialect.ts';
import type { PaymentInitiation } from '../dialects/index.ts';

const FACTS_MODEL = 'LoginFacts';

/** The key of pairwise subjects: HKDF of the server secret, its own label. */
export const derivePairwiseKey = (serverSecret: string): Buffer =>
  deriveSubkey(serverSecret, 'open-mitid oidc pairwise sub v1');

/** A UUID (version 8, RFC 9562's custom layout) of HMAC(key, organisation ‖ 0x00 ‖ uuid). */
export function pairwiseSub(key: Buffer, organisation: string, identityId: string): string {
  const b = createHmac('sha256', key)
    .update(organisation, 'utf8')
    .update(Buffer.of(0))
    .update(identityId)
    .digest();
  b[6] = ((b[6] as number) & 0x0f) | 0x80;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  const h = b.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** What a login leaves for its tokens. */
export interface StoredLogin {
  identityId: string;
  authenticationId: string;
  /** Epoch seconds. */
  authTime: number;
  loa: Level;
  ial: Level;
  aal: Level;
  amr: Method[];
  /** A transaction's login: what was approved (transactionSigning.ts, the transaction token). */
  transaction?: StoredTransaction;
}

/** What a login with a transaction leaves for its token. */
export interface StoredTransaction {
  text: string;
  type: 'text';
  details: PaymentInitiation | null;
  referenceText: string | null;
  action: Action;
}

const putFacts = precompile<MitidDb, { id: string; payload: string; expiresAt: number }, never>((db, p) =>
  db.insertInto('oidc_payloads').values({
    model: FACTS_MODEL,
    id: p('id'),
    payload: p('payload'),
    grant_id: p('id'),
    user_code: null,
    uid: null,
    expires_at: p('expiresAt'),
    consumed_at: null,
  }),
);

const getFacts = precompile<MitidDb, { id: string; now: number }, { payload: string }>((db, p) =>
  db
    .selectFrom('oidc_payloads')
    .select('payload')
    .where('model', '=', FACTS_MODEL)
    .where('id', '=', p('id'))
    .where('expires_at', '>', p('now')),
);

const ialById = precompile<MitidDb, { id: string }, { ial: Level }>((db, p) =>
  db.selectFrom('identities').select('ial').where('id', '=', p('id')),
);

export class LoginFactsStore {
  readonly #db: Kysely<MitidDb>;
  readonly #clock: Clock;
  constructor(db: Kysely<MitidDb>, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  /** Written once per grant (a grant id is random and new for each login). */
  async put(grantId: string, facts: StoredLogin, ttlS: number): Promise<void> {
    await putFacts.execute(this.#db, {
      id: grantId,
      payload: JSON.stringify(facts),
      expiresAt: this.#clock.now().getTime() + ttlS * 1000,
    });
  }

  async get(grantId: string): Promise<StoredLogin | undefined> {
    const row = await getFacts.takeFirst(this.#db, { id: grantId, now: this.#clock.now().getTime() });
    return row ? (JSON.parse(row.payload) as StoredLogin) : undefined;
  }
}

/** The identity's assurance (ial), read where the login is recorded. */
export async function ialOf(db: Kysely<MitidDb>, identityId: string): Promise<Level | undefined> {
  const row = await ialById.takeFirst(db, { id: identityId });
  return row?.ial;
}

/**
 * The identity and its person in one statement, precompiled: the library asks for the account
 * several times in a login (the code's resumption, the token, userinfo).
 */
const identityAndPerson = precompile<
  MitidDb,
  { id: string },
  { id: string; status: string; cpr: string; given_name: string; family_name: string; birth_date: string }
>((db, p) =>
  db
    .selectFrom('identities')
    .innerJoin('people', 'people.cpr', 'identities.cpr')
    .select([
      'identities.id',
      'identities.status',
      'identities.cpr',
      'people.given_name',
      'people.family_name',
      'people.birth_date',
    ])
    .where('identities.id', '=', p('id')),
);

/** The person behind an active MitID, as the dialects see them; undefined otherwise. */
export async function personFacts(db: Kysely<MitidDb>, identityId: string): Promise<PersonFacts | undefined> {
  if (typeof identityId !== 'string') return undefined;
  const row = await identityAndPerson.takeFirst(db, { id: identityId });
  if (row?.status !== 'active') return undefined;
  return {
    uuid: row.id,
    name: fullName({ givenName: row.given_name, familyName: row.family_name }),
    dateOfBirth: row.birth_date,
    cpr: row.cpr,
    identityType: 'private',
  };
}

/** The dialect's view of a stored login, with the provider's session. */
export function loginFactsOf(s: StoredLogin, session: { id: string; expiry: number }): LoginFacts {
  return {
    authenticationId: s.authenticationId,
    authTime: s.authTime,
    loa: s.loa,
    ial: s.ial,
    aal: s.aal,
    amr: s.amr,
    sessionId: session.id,
    sessionExpiry: session.expiry,
  };
}
