/**
 * The CPR match of a private service (decision 0013 §6; brokers.md §1.1 "CPR handling"). A client
 * without `oidc.cpr` that asks for the CPR scope (`ssn`) is not given the number from the
 * register: the person types it, MitID says only whether it is theirs, and on a match the claim
 * (`dk.cpr`, Idura `cprNumberIdentifier`) carries it. Rules:
 * - the `cpr_match` prompt comes after the login: it is requested when the CPR scope is asked,
 *   the client is private and this session's login has no match yet; so it runs after a new
 *   login and also alone (a later request that adds `ssn` to a session asks only for the CPR);
 * - 3 mismatches per session's login, counted in the database by one conditional UPDATE (two
 *   parallel tries cannot make a fourth); a wrong format is no try; the 3rd mismatch ends the
 *   flow with access_denied and locks the match until a new MitID login; a match stays with the
 *   session's person (a step-up or another login of theirs does not ask again);
 * - only within 15 minutes of the session's login: later, or when locked, the login prompt is
 *   requested again (a new MitID login starts at no tries);
 * - the typed number is compared with the person's in constant time and never stored or logged;
 *   the activity log records each counted try's result (core/activity: recordCprMatch);
 * - Signaturgruppen's CPR Match API (`POST /op/api/v1/cprmatch`, the person's access token)
 *   shares the same tries and window.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { interactionPolicy, type KoaContextWithOIDC } from 'oidc-provider';
import { recordCprMatch } from '../../../core/activity/index.ts';
import type { Level } from '../../../core/authenticators/index.ts';
import type { Client } from '../../../core/clients/index.ts';
import { may } from '../../../core/clients/index.ts';
import type { MitidDb } from '../../../core/db/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import { perAddress } from '../../../platform/http/perAddress.ts';
import type { Dialect, DialectName } from '../dialects/Dialect.ts';
import { personFacts } from './accounts.ts';
import type { CprAttempt } from './LoginMount.ts';

export const CPR_MATCH_PROMPT = 'cpr_match';
export const CPR_MATCH_TRIES = 3;
/** "MitID only allows MitID Match for 15 minutes after the MitID session was issued" (brokers.md §1.1). */
export const CPR_MATCH_WINDOW_S = 15 * 60;

/** How the flow ends after the last mismatch, per dialect. */
export const CPR_MATCH_EXCEEDED: Record<DialectName, { error: 'access_denied'; error_description: string }> =
  {
    signaturgruppen: { error: 'access_denied', error_description: 'cpr_match_exceeded' },
    idura: { error: 'access_denied', error_description: 'cpr match exceeded' },
  };

/** The CPR number as typed: 10 digits, or DDMMÅÅ-XXXX (spaces around are dropped); undefined: not one. */
export function typedCpr(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^(\d{6})-?(\d{4})$/.exec(v.trim());
  return m ? `${m[1]}${m[2]}` : undefined;
}

/** The client may have the CPR number only through a match, and asks for it. */
export const needsCprMatch = (client: Client, dialect: Dialect, scopes: Iterable<string>): boolean =>
  !may(client, 'oidc.cpr') && [...scopes].some((s) => dialect.cprScopes.includes(s));

/** The login a match belongs to: the provider session's uid, its MitID uuid and login time (s). */
export interface CprLogin {
  sessionUid: string;
  identityId: string;
  loginTs: number;
}

export interface CprState {
  matched: boolean;
  mismatches: number;
}

export type { CprAttempt };

/** Who asked, for the activity log. */
export interface CprAsker {
  clientId: string;
  serviceName: string;
  level: Level;
}

/** The session's login can no longer be matched: past the window, or locked by 3 mismatches. */
export const needsNewLogin = (s: CprState, loginTs: number, nowS: number): boolean =>
  !s.matched && (nowS - loginTs > CPR_MATCH_WINDOW_S || s.mismatches >= CPR_MATCH_TRIES);

/** The level a session's acr names in a dialect (substantial when it names none). */
export const levelOfAcr = (dialect: Dialect, acr: unknown): Level =>
  (['low', 'substantial', 'high'] as const).find((l) => dialect.acr(l) === acr) ?? 'substantial';

const sameCpr = (a: string, b: string): boolean => {
  const x = Buffer.from(a.padEnd(10, '\0').slice(0, 10));
  const y = Buffer.from(b.padEnd(10, '\0').slice(0, 10));
  return timingSafeEqual(x, y) && a.length === 10 && b.length === 10;
};

/** The tries and the match of each session's login (table cpr_matches, migration 0028). */
export class CprMatchStore {
  readonly #db: Kysely<MitidDb>;
  readonly #clock: Clock;
  readonly #sessionTtlS: number;

  constructor(db: Kysely<MitidDb>, clock: Clock, sessionTtlS: number) {
    this.#db = db;
    this.#clock = clock;
    this.#sessionTtlS = sessionTtlS;
  }

  #ofLogin(l: CprLogin) {
    return this.#db
      .updateTable('cpr_matches')
      .where('session_uid', '=', l.sessionUid)
      .where('identity_id', '=', l.identityId)
      .where('login_ts', '=', l.loginTs);
  }

  /**
   * This login's state: its tries (an earlier login's are not counted), and whether the session's
   * person has matched (a match stays with the session's person, also after a new login of theirs).
   */
  async state(l: CprLogin): Promise<CprState> {
    const row = await this.#db
      .selectFrom('cpr_matches')
      .select(['identity_id', 'login_ts', 'mismatches', 'matched_at'])
      .where('session_uid', '=', l.sessionUid)
      .executeTakeFirst();
    if (!row || row.identity_id !== l.identityId) return { matched: false, mismatches: 0 };
    return {
      matched: row.matched_at !== null,
      mismatches: Number(row.login_ts) === l.loginTs ? Number(row.mismatches) : 0,
    };
  }

  /**
   * The row of this login: made, or an earlier login's row started again at no tries (one
   * conditional upsert); the match is kept when the person is the same.
   */
  async #begin(l: CprLogin): Promise<void> {
    await this.#db
      .insertInto('cpr_matches')
      .values({
        session_uid: l.sessionUid,
        identity_id: l.identityId,
        login_ts: l.loginTs,
        mismatches: 0,
        matched_at: null,
        expires_at: (l.loginTs + this.#sessionTtlS) * 1000,
      })
      .onConflict((oc) =>
        oc
          .column('session_uid')
          .doUpdateSet((eb) => ({
            identity_id: eb.ref('excluded.identity_id'),
            login_ts: eb.ref('excluded.login_ts'),
            mismatches: 0,
            matched_at: eb
              .case()
              .when('cpr_matches.identity_id', '=', eb.ref('excluded.identity_id'))
              .then(eb.ref('cpr_matches.matched_at'))
              .else(null)
              .end(),
            expires_at: eb.ref('excluded.expires_at'),
          }))
          .where((eb) =>
            eb.or([
              eb('cpr_matches.identity_id', '<>', eb.ref('excluded.identity_id')),
              eb('cpr_matches.login_ts', '<>', eb.ref('excluded.login_ts')),
            ]),
          ),
      )
      .execute();
  }

  /**
   * One try: the number typed (already in the right format) against the person's. A mismatch is
   * counted before it is told; a try past the window or after the last mismatch changes nothing.
   */
  async attempt(l: CprLogin, personCpr: string, typed: string, asker: CprAsker): Promise<CprAttempt> {
    const now = this.#clock.now().getTime();
    if (Math.floor(now / 1000) - l.loginTs > CPR_MATCH_WINDOW_S) return { result: 'expired' };
    await this.#begin(l);
    const matched = sameCpr(typed, personCpr);
    if (matched) {
      const set = await this.#ofLogin(l)
        .set((eb) => ({ matched_at: eb.fn.coalesce('matched_at', eb.val(now)) }))
        .where('mismatches', '<', CPR_MATCH_TRIES)
        .executeTakeFirst();
      if (Number(set.numUpdatedRows) === 0) return { result: 'exceeded' };
    } else {
      const counted = await this.#ofLogin(l)
        .set((eb) => ({ mismatches: eb('mismatches', '+', 1) }))
        .where('mismatches', '<', CPR_MATCH_TRIES)
        .returning('mismatches')
        .executeTakeFirst();
      if (!counted) return { result: 'exceeded' };
      await recordCprMatch(this.#db, { identityId: l.identityId, at: now, ...asker, matched: false });
      return { result: 'mismatch', triesLeft: CPR_MATCH_TRIES - Number(counted.mismatches) };
    }
    await recordCprMatch(this.#db, { identityId: l.identityId, at: now, ...asker, matched: true });
    return { result: 'match' };
  }
}

/** The sweep's part: the CPR matches of ended sessions. */
export async function sweepCprMatches(db: Kysely<MitidDb>, now: number): Promise<number> {
  const r = await db.deleteFrom('cpr_matches').where('expires_at', '<=', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export interface CprMatchDeps {
  dialect: Dialect;
  clock: Clock;
  store: CprMatchStore;
  client: (id: unknown) => Promise<Client | undefined>;
}

/** The session's login, when the request is from a private client asking for the CPR scope. */
async function pending(ctx: KoaContextWithOIDC, d: CprMatchDeps): Promise<CprLogin | undefined> {
  const session = ctx.oidc.session;
  if (!session?.accountId || !session.loginTs) return undefined;
  const c = await d.client(ctx.oidc.client?.clientId);
  if (!c || !needsCprMatch(c, d.dialect, ctx.oidc.requestParamScopes)) return undefined;
  return { sessionUid: session.uid, identityId: session.accountId, loginTs: session.loginTs };
}

/**
 * Adds the CPR match to an interaction policy: a check of the login prompt (a login past the
 * window, or locked, is asked again) and the `cpr_match` prompt right after the login.
 */
export function addCprMatch(policy: interactionPolicy.DefaultPolicy, d: CprMatchDeps): void {
  const login = policy.get('login');
  if (!login) throw new Error('oidc-provider has no login prompt');
  login.checks.add(
    new interactionPolicy.Check('cpr_match_login', 'the CPR match needs a new MitID login', async (ctx) => {
      const l = await pending(ctx, d);
      if (!l) return interactionPolicy.Check.NO_NEED_TO_PROMPT;
      const nowS = Math.floor(d.clock.now().getTime() / 1000);
      return needsNewLogin(await d.store.state(l), l.loginTs, nowS)
        ? interactionPolicy.Check.REQUEST_PROMPT
        : interactionPolicy.Check.NO_NEED_TO_PROMPT;
    }),
  );
  const at = policy.findIndex((p) => p.name === 'login') + 1;
  policy.add(
    new interactionPolicy.Prompt(
      { name: CPR_MATCH_PROMPT, requestable: false },
      (ctx) => ({ loginTs: ctx.oidc.session?.loginTs }),
      new interactionPolicy.Check(
        'cpr_match_missing',
        'the person has not confirmed their CPR number',
        async (ctx) => {
          const l = await pending(ctx, d);
          if (!l) return interactionPolicy.Check.NO_NEED_TO_PROMPT;
          return (await d.store.state(l)).matched
            ? interactionPolicy.Check.NO_NEED_TO_PROMPT
            : interactionPolicy.Check.REQUEST_PROMPT;
        },
      ),
    ),
    at,
  );
}

/** An interaction's CPR login (the cpr_match prompt's): its session and the login time. */
export function cprLoginOf(i: {
  prompt: { name: string; details?: Record<string, unknown> };
  session?: { uid?: string; accountId?: string } | undefined;
}): CprLogin | undefined {
  const loginTs = i.prompt.details?.loginTs;
  if (i.prompt.name !== CPR_MATCH_PROMPT || typeof loginTs !== 'number') return undefined;
  const { uid, accountId } = i.session ?? {};
  return uid && accountId ? { sessionUid: uid, identityId: accountId, loginTs } : undefined;
}

/**
 * The scopes whose claims a token may carry: a private client's CPR scope only when its session's
 * login has a match (a public client's, with oidc.cpr, always).
 */
export async function scopesWithCpr(
  ctx: KoaContextWithOIDC,
  d: CprMatchDeps,
  scopes: Set<string>,
  accountId: string,
  sessionUid: string | undefined,
): Promise<Set<string>> {
  const c = await d.client(ctx.oidc.client?.clientId);
  if (!c || !needsCprMatch(c, d.dialect, scopes)) return scopes;
  const session = sessionUid ? await ctx.oidc.provider.Session.findByUid(sessionUid) : undefined;
  const matched =
    session?.accountId === accountId && typeof session.loginTs === 'number'
      ? (await d.store.state({ sessionUid: session.uid, identityId: accountId, loginTs: session.loginTs }))
          .matched
      : false;
  return matched ? scopes : new Set([...scopes].filter((s) => !d.dialect.cprScopes.includes(s)));
}

const apiError = (error: string, description: string) => ({ error, error_description: description });

/**
 * Signaturgruppen's CPR Match API: `POST <prefix>/api/v1/cprmatch` with the person's access
 * token (Bearer) and `{"cpr": "…"}` → `{"match": true|false}`. The session's tries and window
 * (the box's), so the API is no way around them.
 */
export function registerCprMatchApi(
  app: FastifyInstance,
  mount: {
    prefix: string;
    dialect: Dialect;
    db: Kysely<MitidDb>;
    store: CprMatchStore;
    provider: () => import('oidc-provider').default;
    client: (id: unknown) => Promise<Client | undefined>;
  },
): void {
  app.post(
    `${mount.prefix}/api/v1/cprmatch`,
    // A JSON API with bearer auth: no CSRF token (no cookie authenticates it).
    { config: { rateLimit: perAddress('api'), csrf: false } },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      const auth = req.headers.authorization;
      const m = typeof auth === 'string' ? /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(auth) : null;
      const provider = mount.provider();
      const token = m?.[1] ? await provider.AccessToken.find(m[1]) : undefined;
      const grant = token?.grantId ? await provider.Grant.find(token.grantId) : undefined;
      const session = token?.sessionUid ? await provider.Session.findByUid(token.sessionUid) : undefined;
      const client = token ? await mount.client(token.clientId) : undefined;
      if (
        !token ||
        !grant ||
        !client ||
        !session?.accountId ||
        session.accountId !== token.accountId ||
        typeof session.loginTs !== 'number'
      ) {
        return reply
          .code(401)
          .header('www-authenticate', 'Bearer error="invalid_token"')
          .send(apiError('invalid_token', 'the access token is not valid'));
      }
      const body = req.body as { cpr?: unknown } | undefined;
      const typed = typedCpr(body?.cpr);
      if (!typed)
        return reply
          .code(400)
          .send(apiError('invalid_request', 'cpr must be 10 digits (DDMMYYXXXX or DDMMYY-XXXX)'));
      const person = await personFacts(mount.db, session.accountId);
      if (!person) return reply.code(401).send(apiError('invalid_token', 'the access token is not valid'));
      const login = { sessionUid: session.uid, identityId: session.accountId, loginTs: session.loginTs };
      const r = await mount.store.attempt(login, person.cpr, typed, {
        clientId: client.id,
        serviceName: client.name,
        level: levelOfAcr(mount.dialect, session.acr),
      });
      req.log.info({ client: client.id, result: r.result }, 'cpr match api');
      switch (r.result) {
        case 'match':
          return { match: true };
        case 'mismatch':
          return { match: false };
        case 'exceeded':
          return reply
            .code(403)
            .send(
              apiError(
                'cpr_match_exceeded',
                'Cpr Match exceeded: only 3 tries are allowed within a session; log in with MitID again',
              ),
            );
        default:
          return reply
            .code(403)
            .send(
              apiError(
                'cpr_match_expired',
                'MitID only allows CPR match for 15 minutes after the MitID session was issued; log in with MitID again',
              ),
            );
      }
    },
  );
}
