/**
 * Redeems an authorization code for the identity it proves: once, for the client and redirect
 * URI it was issued to, within 60 s. The token endpoint uses it for Min Bank; an internal client
 * (MitID.dk) calls it in-process. Returns exactly the public fields (style rule 10).
 */
import type { Kysely } from 'kysely';
import type { MitidDb } from '../../core/db/index.ts';
import { fullName, PeopleStore } from '../../core/people/index.ts';
import { NemidLoginStore, sha256 } from './loginStore.ts';
import { nemidPolicy } from './nemidPolicy.ts';

export interface NemidAuthentication {
  cpr: string;
  name: string;
  nemidUserId: string;
  /** Epoch milliseconds of the key-code step. */
  authenticatedAt: number;
  method: 'nemid-keycard';
}

export async function redeemNemidCode(
  db: Kysely<MitidDb>,
  now: number,
  clientId: string,
  redirectUri: string,
  code: string,
): Promise<NemidAuthentication | undefined> {
  if (code.length === 0 || code.length > 200) return undefined;
  const login = await new NemidLoginStore(db).redeem(sha256(code), clientId, redirectUri, now);
  const person = login?.cpr ? await new PeopleStore(db).getByCpr(login.cpr) : undefined;
  const credential = person
    ? await db
        .selectFrom('nemid_credentials')
        .select('user_id')
        .where('cpr', '=', person.cpr)
        .executeTakeFirst()
    : undefined;
  if (!login || !person || !credential) return undefined;
  return {
    cpr: person.cpr,
    name: fullName(person),
    nemidUserId: credential.user_id,
    // complete() set the expiry to the key-code step + the code's life; rotation keeps it.
    authenticatedAt: login.expiresAt - nemidPolicy.codeTtlMs,
    method: 'nemid-keycard',
  };
}
