/**
 * A service's side of OpenID Connect Back-Channel Logout 1.0 (decision 0013 §4): MitID posts a
 * logout token when a MitID session ends, and the service ends its own sessions of that `sid`.
 *
 * Rules:
 * - the token is verified before anything is changed: its signature against the provider's JWKS
 *   (from discovery), `iss` the provider's issuer, `aud` this client, `typ` `logout+jwt`, `iat`
 *   within the last two minutes, the back-channel logout event, a `sid` (the client registered
 *   `backchannel_logout_session_required`), no `nonce`, a `jti`;
 * - a `jti` is taken once (a row per token, kept past the token's possible life): a replayed
 *   token is refused and changes nothing;
 * - every session of the service with that MitID `sid` is deleted (SessionStore.deleteByMitidSid);
 * - the route answers 200, or 400 with the reason (no CSRF: the caller is MitID's server, which
 *   has no browser session; the token is the authentication).
 */
import type { FastifyInstance } from 'fastify';
import { createRemoteJWKSet, type JWTVerifyGetKey, jwtVerify } from 'jose';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import type { OidcLogoutJtisTable, SessionsTable } from '../db/tables.ts';
import { perAddress } from '../http/perAddress.ts';
import { SessionStore } from '../http/session.ts';
import type { RelyingParty } from './relyingParty.ts';

export const BACKCHANNEL_LOGOUT_PATH = '/auth/backchannel-logout';
const EVENT = 'http://schemas.openid.net/event/backchannel-logout';
/** How old a logout token may be (its `iat`), in seconds. */
const MAX_AGE_S = 120;
const MAX_TOKEN_LENGTH = 8000;

export interface LogoutDb {
  sessions: SessionsTable;
  oidc_logout_jtis: OidcLogoutJtisTable;
}

export type LogoutResult = { ok: true; ended: number } | { ok: false; reason: string };

export class BackchannelLogout {
  readonly #rp: RelyingParty;
  readonly #clientId: string;
  readonly #db: Kysely<LogoutDb>;
  readonly #clock: Clock;
  #jwks: { uri: string; get: JWTVerifyGetKey } | undefined;

  constructor(opts: {
    rp: RelyingParty;
    clientId: string;
    db: Kysely<LogoutDb> | { withTables: unknown };
    clock: Clock;
  }) {
    this.#rp = opts.rp;
    this.#clientId = opts.clientId;
    // Kysely's types are invariant in the schema; these two tables are all this touches.
    this.#db = opts.db as Kysely<LogoutDb>;
    this.#clock = opts.clock;
  }

  #keys(uri: string): JWTVerifyGetKey {
    if (this.#jwks?.uri !== uri) this.#jwks = { uri, get: createRemoteJWKSet(new URL(uri)) };
    return this.#jwks.get;
  }

  /** Verifies a logout token and ends the sessions of its `sid`; a refusal changes nothing. */
  async receive(token: unknown): Promise<LogoutResult> {
    if (typeof token !== 'string' || token === '' || token.length > MAX_TOKEN_LENGTH) {
      return { ok: false, reason: 'logout_token is missing' };
    }
    const meta = (await this.#rp.configuration()).serverMetadata();
    if (!meta.jwks_uri) return { ok: false, reason: 'the provider has no JWKS' };
    let payload: Record<string, unknown>;
    try {
      const now = this.#clock.now();
      const verified = await jwtVerify(token, this.#keys(meta.jwks_uri), {
        issuer: meta.issuer,
        audience: this.#clientId,
        typ: 'logout+jwt',
        algorithms: ['RS256', 'ES256'],
        maxTokenAge: MAX_AGE_S,
        clockTolerance: 5,
        currentDate: now,
      });
      payload = verified.payload as Record<string, unknown>;
    } catch (err) {
      return {
        ok: false,
        reason: `the logout token is not valid (${(err as { code?: string }).code ?? 'invalid'})`,
      };
    }
    const events = payload.events as Record<string, unknown> | undefined;
    const event = events && typeof events === 'object' ? events[EVENT] : undefined;
    if (!event || typeof event !== 'object' || Array.isArray(event)) {
      return { ok: false, reason: 'the logout token has no back-channel logout event' };
    }
    if ('nonce' in payload) return { ok: false, reason: 'a logout token has no nonce' };
    const { sid, jti } = payload;
    if (typeof sid !== 'string' || sid === '' || sid.length > 200) {
      return { ok: false, reason: 'the logout token has no sid' };
    }
    if (typeof jti !== 'string' || jti === '' || jti.length > 200) {
      return { ok: false, reason: 'the logout token has no jti' };
    }
    const nowMs = this.#clock.now().getTime();
    const taken = await this.#db
      .insertInto('oidc_logout_jtis')
      .values({ jti, expires_at: nowMs + 2 * MAX_AGE_S * 1000 })
      .onConflict((oc) => oc.column('jti').doNothing())
      .returning('jti')
      .executeTakeFirst();
    if (!taken) return { ok: false, reason: 'the logout token was used before' };
    const ended = await new SessionStore(this.#db).deleteByMitidSid(sid);
    return { ok: true, ended };
  }
}

/** Removes the jtis of logout tokens that can no longer be valid (the sweep); returns how many. */
export async function purgeLogoutJtis(
  db: Kysely<LogoutDb> | { withTables: unknown },
  now: number,
): Promise<number> {
  const res = await (db as Kysely<LogoutDb>)
    .deleteFrom('oidc_logout_jtis')
    .where('expires_at', '<=', now)
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** `POST /auth/backchannel-logout` (form-encoded `logout_token`): 200, or 400 with the reason. */
export function registerBackchannelLogout(app: FastifyInstance, logout: BackchannelLogout): void {
  app.post(
    BACKCHANNEL_LOGOUT_PATH,
    { config: { csrf: false, rateLimit: perAddress('api') } },
    async (req, reply) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      let result: LogoutResult;
      try {
        result = await logout.receive(body.logout_token);
      } catch (err) {
        req.log.error({ err }, 'back-channel logout failed');
        return reply.code(503).header('cache-control', 'no-store').send({ error: 'temporarily_unavailable' });
      }
      reply.header('cache-control', 'no-store');
      if (!result.ok) {
        req.log.warn({ reason: result.reason }, 'back-channel logout refused');
        return reply.code(400).send({ error: 'invalid_request', error_description: result.reason });
      }
      req.log.info({ ended: result.ended }, 'MitID session ended: back-channel logout');
      return reply.code(200).send();
    },
  );
}
