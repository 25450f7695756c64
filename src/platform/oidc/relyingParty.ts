/**
 * A service's side of "log in with MitID" over OpenID Connect, on `openid-client` (a certified
 * relying party): what Min Bank and Borger share, each with its own broker dialect's parameters.
 *
 * Rules:
 * - The provider's metadata comes from discovery, fetched once and kept for an hour (a failed
 *   discovery is not kept: the next login tries again).
 * - Every login gets a fresh state, nonce and PKCE verifier (S256), kept in a signed, HttpOnly,
 *   SameSite=Lax cookie scoped to the callback's path and ten minutes: the callback is honoured
 *   only in the browser that started the login, once (the cookie is cleared at the first callback).
 * - The callback compares the state in constant time before anything else; a replayed or foreign
 *   callback URL (no cookie, a cookie of another login, a forged state) gets nothing.
 * - The code is exchanged with the client's secret (client_secret_basic), the ID token is
 *   validated by openid-client (issuer, audience, signature, expiry, nonce), then userinfo is read
 *   for the ID token's subject.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import * as oidc from 'openid-client';
import { sameSecret } from '../sameSecret.ts';

export interface RelyingPartyOptions {
  /** The provider's issuer, e.g. `http://localhost:3000/op`; discovery is under it. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The registered redirect URI (its path is where the callback route lives). */
  redirectUri: string;
  /** Name of the cookie that carries the pending login (distinct per service). */
  cookieName: string;
  /** Set the cookie's Secure flag (an https origin). */
  secure: boolean;
  /** Seconds each request to the provider may take; 10 by default. */
  timeoutSeconds?: number;
}

/** What the callback found. `no_login`: no login of this browser is pending with this state. */
export type CallbackResult =
  | { ok: true; idToken: string; claims: oidc.IDToken; userinfo: oidc.UserInfoResponse }
  | { ok: false; reason: 'no_login' }
  | { ok: false; reason: 'cancelled' | 'refused'; error: string; description?: string }
  | { ok: false; reason: 'failed'; cause: unknown };

interface PendingLogin {
  state: string;
  nonce: string;
  verifier: string;
}

const DISCOVERY_TTL_MS = 60 * 60_000;
const PENDING_SECONDS = 600;

export class RelyingParty {
  readonly #opts: RelyingPartyOptions;
  readonly #cookiePath: string;
  #discovered: { at: number; config: Promise<oidc.Configuration> } | undefined;

  constructor(opts: RelyingPartyOptions) {
    this.#opts = opts;
    this.#cookiePath = new URL(opts.redirectUri).pathname;
  }

  /** The provider's configuration from discovery (cached). Rejects when the provider cannot be reached. */
  configuration(): Promise<oidc.Configuration> {
    const now = Date.now();
    if (this.#discovered && now - this.#discovered.at < DISCOVERY_TTL_MS) return this.#discovered.config;
    const { issuer, clientId, clientSecret } = this.#opts;
    const config = oidc.discovery(
      new URL(issuer),
      clientId,
      { client_secret: clientSecret },
      oidc.ClientSecretBasic(clientSecret),
      {
        timeout: this.#opts.timeoutSeconds ?? 10,
        // A local provider on plain http (development, tests); https everywhere else.
        ...(issuer.startsWith('http:') ? { execute: [oidc.allowInsecureRequests] } : {}),
      },
    );
    const entry = { at: now, config };
    this.#discovered = entry;
    config.catch(() => {
      if (this.#discovered === entry) this.#discovered = undefined;
    });
    return config;
  }

  /**
   * Starts a login: the pending-login cookie is set on `reply` and the authorization URL returned.
   * `params` are the dialect's parameters (scope, language, reference text, level …).
   */
  async begin(reply: FastifyReply, params: Record<string, string>): Promise<string> {
    const config = await this.configuration();
    const pending: PendingLogin = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      verifier: oidc.randomPKCECodeVerifier(),
    };
    const url = oidc.buildAuthorizationUrl(config, {
      ...params,
      response_type: 'code',
      redirect_uri: this.#opts.redirectUri,
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
    });
    reply.setCookie(this.#opts.cookieName, Buffer.from(JSON.stringify(pending)).toString('base64url'), {
      path: this.#cookiePath,
      httpOnly: true,
      sameSite: 'lax',
      secure: this.#opts.secure,
      signed: true,
      maxAge: PENDING_SECONDS,
    });
    return url.href;
  }

  /** Finishes the login at the callback: checks, exchanges the code, validates, reads userinfo. */
  async complete(req: FastifyRequest, reply: FastifyReply): Promise<CallbackResult> {
    const pending = this.#pendingOf(req);
    reply.clearCookie(this.#opts.cookieName, { path: this.#cookiePath });
    const query = req.query as Record<string, unknown>;
    const state = typeof query.state === 'string' && query.state.length <= 500 ? query.state : '';
    if (!pending || !sameSecret(state, pending.state)) return { ok: false, reason: 'no_login' };
    if (query.error !== undefined) {
      const error = typeof query.error === 'string' ? query.error.slice(0, 100) : 'invalid';
      const d = query.error_description;
      return {
        ok: false,
        reason: error === 'access_denied' ? 'cancelled' : 'refused',
        error,
        ...(typeof d === 'string' ? { description: d.slice(0, 200) } : {}),
      };
    }
    try {
      const config = await this.configuration();
      const current = new URL(this.#opts.redirectUri);
      current.search = new URL(req.url, 'http://callback').search;
      const tokens = await oidc.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims || !tokens.id_token) throw new Error('the token response has no ID token');
      const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
      return { ok: true, idToken: tokens.id_token, claims, userinfo };
    } catch (cause) {
      return { ok: false, reason: 'failed', cause };
    }
  }

  /**
   * Where to send the browser to end the session at the provider too (RP-initiated logout), or
   * undefined when the provider cannot be reached or offers no end-session endpoint.
   */
  async endSessionUrl(
    idToken: string | undefined,
    postLogoutRedirectUri: string,
  ): Promise<string | undefined> {
    try {
      const config = await this.configuration();
      if (!config.serverMetadata().end_session_endpoint) return undefined;
      return oidc.buildEndSessionUrl(config, {
        ...(idToken ? { id_token_hint: idToken } : {}),
        post_logout_redirect_uri: postLogoutRedirectUri,
      }).href;
    } catch {
      return undefined;
    }
  }

  #pendingOf(req: FastifyRequest): PendingLogin | undefined {
    const raw = req.cookies[this.#opts.cookieName];
    if (!raw || raw.length > 2000) return undefined;
    const unsigned = req.unsignCookie(raw);
    if (!unsigned.valid || !unsigned.value) return undefined;
    try {
      const value = JSON.parse(
        Buffer.from(unsigned.value, 'base64url').toString('utf8'),
      ) as Partial<PendingLogin>;
      if (
        typeof value.state === 'string' &&
        typeof value.nonce === 'string' &&
        typeof value.verifier === 'string'
      ) {
        return { state: value.state, nonce: value.nonce, verifier: value.verifier };
      }
    } catch {
      // A cookie this code did not write: no pending login.
    }
    return undefined;
  }
}
