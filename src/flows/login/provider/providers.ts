/**
 * The two OpenID Connect providers (decision 0012 §2): one oidc-provider instance per broker
 * dialect, with that broker's endpoint paths under its issuer (`<MITID_URL>/op`, `<MITID_URL>/idura`).
 * What each is configured with, and why, is in README.md beside this file. In short:
 * - clients come from the one client registry, only those of its dialect with oidc.login (another
 *   dialect's client is unknown here); secrets are checked by the registry (every live hash, in
 *   constant time), HS256 request objects use the client's sealed secret;
 * - authorization code only, PKCE S256 required, PAR, signed request objects, client auth
 *   client_secret_basic / client_secret_post / private_key_jwt, userinfo, RP-initiated logout;
 * - every authorization request is parsed by the client's dialect (a policy check of the login
 *   prompt, so it runs for prompt=none too); a refusal fails the flow as that broker does;
 * - ID token 5 min, access token 1 h, code 60 s, sessions and grants 14 days (the library's);
 * - signing keys and cookie keys come from the key rings: when a ring changes (a rotation
 *   reaches this node within a minute) the instance is built again with the new keys; all state
 *   is in the database, so nothing is lost by that.
 */

import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Kysely } from 'kysely';
import Provider, {
  type Account,
  type ClientMetadata,
  type Configuration,
  errors,
  interactionPolicy,
  type KoaContextWithOIDC,
} from 'oidc-provider';
import type { Authentications } from '../../../core/authentications/index.ts';
import type { Level } from '../../../core/authenticators/index.ts';
import type { Client, ClientRegistry } from '../../../core/clients/index.ts';
import { may } from '../../../core/clients/index.ts';
import type { MitidDb } from '../../../core/db/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { SigningJwk } from '../../../platform/keys/oidcSigningKey.ts';
import type { Random } from '../../../platform/random.ts';
import type {
  Dialect,
  DialectClient,
  DialectName,
  LoginFacts,
  LoginRequest,
  PersonFacts,
} from '../dialects/Dialect.ts';
import { OidcAdapter } from '../oidcAdapter.ts';
import { LoginFactsStore, loginFactsOf, pairwiseSub, personFacts } from './accounts.ts';
import {
  CIBA_EXPIRES_IN,
  type CibaDeps,
  cibaAccount,
  cibaFeature,
  cibaMetadata,
  installCibaPull,
} from './ciba.ts';
import { addCprMatch, CPR_MATCH_PROMPT, CprMatchStore, scopesWithCpr } from './cprMatch.ts';
import { errorPage, langOf, logoutDonePage, logoutPage } from './pages.ts';
import type { Sessions } from './sessions.ts';
import { transactionSigning } from './transactionSigning.ts';

export type Prefix = '/op' | '/idura';

/** The prefix (under MITID_URL) and endpoint paths of each dialect's issuer. */
export const MOUNTS: Record<DialectName, { prefix: Prefix; routes: NonNullable<Configuration['routes']> }> = {
  signaturgruppen: {
    prefix: '/op',
    routes: {
      authorization: '/connect/authorize',
      token: '/connect/token',
      userinfo: '/connect/userinfo',
      pushed_authorization_request: '/connect/par',
      end_session: '/connect/endsession',
      jwks: '/.well-known/openid-configuration/jwks',
      backchannel_authentication: '/connect/ciba',
    },
  },
  idura: {
    prefix: '/idura',
    routes: {
      authorization: '/oauth2/authorize',
      token: '/oauth2/token',
      userinfo: '/oauth2/userinfo',
      pushed_authorization_request: '/oauth2/par',
      end_session: '/oauth2/logout',
      jwks: '/.well-known/jwks',
      backchannel_authentication: '/ciba/bc-authorize',
    },
  },
};

/** Lifetimes in seconds (README.md: the choices). */
export const TTL = {
  IdToken: 300,
  AccessToken: 3600,
  AuthorizationCode: 60,
  Interaction: 3600,
  Session: 14 * 24 * 3600,
  Grant: 14 * 24 * 3600,
  BackchannelAuthenticationRequest: CIBA_EXPIRES_IN,
} as const;

/** What the library's error handler answers with a page on a dialect whose malformed requests are pages. */
const MALFORMED = new Set([
  'invalid_request',
  'invalid_request_object',
  'invalid_request_uri',
  'invalid_scope',
  'request_not_supported',
  'request_uri_not_supported',
  'unauthorized_client',
  'unsupported_response_type',
  'unsupported_response_mode',
  'registration_not_supported',
]);

/** Claims the library itself writes (from the session and the request): never the dialect's to mask. */
const LIBRARY_CLAIMS = new Set([
  'sub',
  'acr',
  'amr',
  'auth_time',
  'nonce',
  'sid',
  'iss',
  'aud',
  'azp',
  'exp',
  'iat',
  'nbf',
  'jti',
  'at_hash',
  'c_hash',
  's_hash',
]);

export interface ProviderDeps {
  mitidUrl: string;
  db: Kysely<MitidDb>;
  clock: Clock;
  clients: ClientRegistry;
  dialect: Dialect;
  random: Random;
  /** The core's authentications (a CIBA request is one). */
  authentications: Authentications;
  /** The cookie ring's keys, the signing one first. */
  cookieKeys: () => string[];
  /** The private signing JWKs of every accepted version, the current one's first. */
  signingKeys: () => SigningJwk[];
  pairwiseKey: Buffer;
  simulationEnabled: boolean;
  /** Behind a trusted proxy: X-Forwarded-Proto and -Host are believed (TRUST_PROXY). */
  proxy: boolean;
  /** The interaction URL of an uid (the box's page, or the simulation's). */
  interactionUrl: (prefix: Prefix, uid: string, simulation: boolean) => string;
  onServerError: (err: unknown) => void;
  /** The session both providers share, SSO groups, step-up, back-channel logout (sessions.ts). */
  sessions: Sessions;
}

/** The request's path as the browser sent it (with the mount's prefix), for the language switch. */
const pathOf = (ctx: KoaContextWithOIDC): string =>
  (ctx.req as { originalUrl?: string }).originalUrl ?? ctx.originalUrl ?? ctx.path;

/** What the registry's client is to the dialect. */
export const dialectClientOf = (c: Client): DialectClient => ({
  id: c.id,
  mayCpr: may(c, 'oidc.cpr'),
  testClient: c.testClient,
});

/** The claim names each scope releases: what the dialect issues for it, found by asking it once. */
export function claimsOfDialect(d: Dialect): Record<string, string[]> {
  const person: PersonFacts = {
    uuid: '00000000-0000-4000-8000-000000000000',
    name: 'Navn Navnesen',
    dateOfBirth: '2000-01-01',
    cpr: '0101001234',
    identityType: 'private',
  };
  const login: LoginFacts = {
    authenticationId: 'a',
    authTime: 0,
    loa: 'high',
    ial: 'high',
    aal: 'high',
    amr: ['app', 'pin'],
    sessionId: 's',
    sessionExpiry: 0,
  };
  const names = (scopes: string[]): Set<string> => {
    const set = new Set(scopes);
    return new Set([
      ...Object.keys(d.claims('id_token', set, person, login, 0)),
      ...Object.keys(d.claims('userinfo', set, person, login, 0)),
    ]);
  };
  const base = names(['openid']);
  // The login's acr, amr and auth_time are released with openid, requested or not (the library
  // releases them only when the request asks for them: acr_values, max_age, the claims parameter).
  const out: Record<string, string[]> = {
    openid: ['sub', 'acr', 'amr', 'auth_time', ...[...base].filter((n) => !LIBRARY_CLAIMS.has(n))],
  };
  for (const scope of d.scopes) {
    if (scope === 'openid') continue;
    out[scope] = [...names(['openid', scope])].filter((n) => !base.has(n) && !LIBRARY_CLAIMS.has(n));
  }
  return out;
}

const refusal = (error: string, description: string): Error => {
  switch (error) {
    case 'invalid_scope':
      return new errors.InvalidScope(description, '');
    case 'unauthorized_client':
      return new errors.UnauthorizedClient(description);
    default:
      return new errors.InvalidRequest(description);
  }
};

/** The login request of an interaction's (or a request's) parameters, as the client's dialect reads it. */
export function parseLogin(
  d: Dialect,
  params: Readonly<Record<string, unknown>>,
  client: Client,
  simulationEnabled: boolean,
): { ok: true; request: LoginRequest } | { ok: false; error: string; description: string } {
  // Every client may ask for the CPR scope: a public one (oidc.cpr) gets the number, a private
  // one a CPR match (cprMatch.ts).
  const parsed = d.parseRequest(params, { ...dialectClientOf(client), mayCpr: true }, { simulationEnabled });
  if (!parsed.ok) return { ok: false, error: parsed.refusal.error, description: parsed.refusal.description };
  // The simulation only from a test client, only when the setting is on (whatever the dialect says).
  if (parsed.request.simulation && !(simulationEnabled && client.testClient)) {
    return { ok: false, error: 'invalid_request', description: 'simulation is not available to this client' };
  }
  return parsed;
}

interface Built {
  fingerprint: string;
  provider: Provider;
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

/** One dialect's provider, built again when its keys change. */
export class DialectProvider {
  readonly dialect: Dialect;
  readonly prefix: Prefix;
  readonly issuer: string;
  readonly facts: LoginFactsStore;
  readonly cprMatches: CprMatchStore;
  readonly #d: ProviderDeps;
  readonly #claims: Record<string, string[]>;
  /** Stands in for a secret-authenticated client's secret when none is sealed: never disclosed, never matched. */
  readonly #placeholder = randomBytes(32).toString('base64url');
  #built: Built | undefined;

  constructor(deps: ProviderDeps) {
    this.#d = deps;
    this.dialect = deps.dialect;
    this.prefix = MOUNTS[deps.dialect.name].prefix;
    this.issuer = `${deps.mitidUrl}${this.prefix}`;
    this.facts = new LoginFactsStore(deps.db, deps.clock);
    this.cprMatches = new CprMatchStore(deps.db, deps.clock, TTL.Session);
    this.#claims = claimsOfDialect(deps.dialect);
  }

  /** The instance for the keys the rings hold now. */
  get provider(): Provider {
    return this.#current().provider;
  }

  /** Hands a request (its URL already without the prefix, originalUrl with it) to the provider. */
  handle(req: IncomingMessage, res: ServerResponse): void {
    this.#current().handler(req, res);
  }

  #current(): Built {
    const keys = this.#d.signingKeys();
    const cookies = this.#d.cookieKeys();
    const fingerprint = JSON.stringify([
      keys.map((k) => k.kid),
      cookies.map((c) => c.length + c.slice(0, 8)),
    ]);
    if (this.#built?.fingerprint !== fingerprint) {
      const provider = this.#build(keys, cookies);
      this.#built = { fingerprint, provider, handler: provider.callback() };
    }
    return this.#built;
  }

  /** A registry client of this dialect that may log in here, or undefined. */
  async client(id: unknown): Promise<Client | undefined> {
    if (typeof id !== 'string') return undefined;
    const c = await this.#d.clients.get(id);
    if (!c || c.internal || c.dialect !== this.dialect.name || !may(c, 'oidc.login')) return undefined;
    return c;
  }

  async #metadata(c: Client): Promise<ClientMetadata> {
    const o = c.oidc;
    const sealed = await this.#d.clients.sealedSecret(c.id);
    const secretAuth = o.tokenEndpointAuthMethod !== 'private_key_jwt';
    return {
      client_id: c.id,
      client_name: c.name,
      redirect_uris: [...c.redirectUris],
      post_logout_redirect_uris: [...o.postLogoutRedirectUris],
      response_types: ['code'],
      ...cibaMetadata(c),
      token_endpoint_auth_method: o.tokenEndpointAuthMethod,
      id_token_signed_response_alg: o.idTokenSignedResponseAlg,
      subject_type: 'pairwise',
      ...(o.jwks.length > 0 ? { jwks: { keys: o.jwks.map((k) => ({ ...k })) } } : {}),
      ...this.#d.sessions.metadata(c),
      ...(sealed ? { client_secret: sealed } : secretAuth ? { client_secret: this.#placeholder } : {}),
      authorization_details_types: ['payment_initiation'],
    } as ClientMetadata;
  }

  #ciba(): CibaDeps {
    const d = this.#d;
    return {
      db: d.db,
      clock: d.clock,
      random: d.random,
      dialect: this.dialect,
      authentications: d.authentications,
      facts: this.facts,
      pairwiseKey: d.pairwiseKey,
      grantTtlS: TTL.Grant,
      client: (id) => this.client(id),
      parse: (params, c) => {
        const parsed = parseLogin(this.dialect, params, c, d.simulationEnabled);
        if (!parsed.ok) return { ok: false, error: refusal(parsed.error, parsed.description) };
        if (parsed.request.simulation)
          return { ok: false, error: new errors.InvalidRequest('simulation is not available in CIBA') };
        return { ok: true, level: parsed.request.level };
      },
    };
  }

  #build(keys: SigningJwk[], cookieKeys: string[]): Provider {
    const d = this.#d;
    const dialect = this.dialect;
    const store = { db: d.db, clock: d.clock };
    const clientAdapter = {
      find: async (id: string) => {
        const c = await this.client(id);
        return c ? await this.#metadata(c) : undefined;
      },
      upsert: async () => {
        throw new Error('clients are managed in the client registry');
      },
      findByUid: async () => undefined,
      findByUserCode: async () => undefined,
      consume: async () => undefined,
      destroy: async () => undefined,
      revokeByGrantId: async () => undefined,
    };

    const policy = interactionPolicy.base();
    const login = policy.get('login');
    if (!login) throw new Error('oidc-provider has no login prompt');
    login.checks.add(
      new interactionPolicy.Check(
        'dialect_request',
        'the login request as the dialect reads it',
        async (ctx) => {
          const c = await this.client(ctx.oidc.client?.clientId);
          if (!c) throw new errors.InvalidClient('client is invalid', 'client not found');
          const parsed = parseLogin(
            dialect,
            ctx.oidc.params as Record<string, unknown>,
            c,
            d.simulationEnabled,
          );
          if (!parsed.ok) throw refusal(parsed.error, parsed.description);
          // A simulated login is a new login, whatever session the browser has (but the one its
          // interaction has just made, on resuming).
          const fresh = ctx.oidc.result?.login !== undefined;
          return parsed.request.simulation && !fresh
            ? interactionPolicy.Check.REQUEST_PROMPT
            : interactionPolicy.Check.NO_NEED_TO_PROMPT;
        },
      ),
      0,
    );
    const signing = transactionSigning({
      dialect,
      issuer: this.issuer,
      clock: d.clock,
      facts: this.facts,
      signingKeys: () => keys,
      subOf: async (accountId, clientId) => {
        const c = await d.clients.get(clientId);
        return pairwiseSub(d.pairwiseKey, c?.oidc.organisation ?? clientId, accountId);
      },
      parse: async (params, clientId) => {
        const c = await this.client(clientId);
        return c ? parseLogin(dialect, params, c, d.simulationEnabled) : undefined;
      },
    });
    login.checks.add(signing.check, 1);
    // The SSO group's and the step-up's checks (sessions.ts), after the dialect's and the transaction's.
    d.sessions
      .checks(async (ctx) => {
        const c = await this.client(ctx.oidc.client?.clientId);
        const parsed = c
          ? parseLogin(dialect, ctx.oidc.params as Record<string, unknown>, c, d.simulationEnabled)
          : undefined;
        // The dialect's check (above) refuses it with the dialect's own error and text.
        if (!parsed?.ok)
          throw parsed
            ? refusal(parsed.error, parsed.description)
            : new errors.InvalidClient('client is invalid', 'client not found');
        return parsed.request;
      })
      .forEach((check, i) => {
        login.checks.add(check, 2 + i);
      });
    const cpr = { dialect, clock: d.clock, store: this.cprMatches, client: (id: unknown) => this.client(id) };
    addCprMatch(policy, cpr);

    const configuration: Configuration = {
      adapter: (name: string) => (name === 'Client' ? clientAdapter : new OidcAdapter(name, store)) as never,
      clients: [],
      jwks: { keys: keys.map((k) => ({ ...k, use: 'sig' })) as never },
      routes: MOUNTS[dialect.name].routes,
      cookies: {
        keys: cookieKeys,
        names: {
          ...d.sessions.cookie,
          interaction: `_${dialect.name}_interaction`,
          resume: `_${dialect.name}_resume`,
        },
        long: { httpOnly: true, sameSite: 'lax', signed: true, path: '/' },
        short: { httpOnly: true, sameSite: 'lax', signed: true },
      },
      pkce: { required: () => true },
      clientAuthMethods: ['client_secret_basic', 'client_secret_post', 'private_key_jwt'],
      enabledJWA: {
        idTokenSigningAlgValues: ['RS256', 'ES256'],
        requestObjectSigningAlgValues: ['HS256', 'RS256', 'ES256'],
        clientAuthSigningAlgValues: ['RS256', 'ES256', 'PS256'],
        userinfoSigningAlgValues: ['RS256', 'ES256'],
      },
      responseTypes: ['code'],
      subjectTypes: ['pairwise'],
      scopes: [...new Set(['openid', ...dialect.scopes])],
      claims: this.#claims,
      conformIdTokenClaims: false,
      extraParams: signing.extraParams(dialect.extraParams),
      acrValues: (['low', 'substantial', 'high'] as Level[]).map((l) => dialect.acr(l)),
      ttl: { ...TTL },
      features: {
        devInteractions: { enabled: false },
        pushedAuthorizationRequests: { enabled: true, requirePushedAuthorizationRequests: false },
        requestObjects: { enabled: true, requireSignedRequestObject: false },
        userinfo: { enabled: true },
        backchannelLogout: { enabled: true },
        ...signing.features,
        ciba: cibaFeature(this.#ciba()),
        rpInitiatedLogout: {
          enabled: true,
          logoutSource: async (ctx, form) => {
            const lang = langOf(undefined, ctx.get('cookie'));
            const name = ctx.oidc.client?.clientName ?? ctx.oidc.client?.clientId ?? '';
            ctx.type = 'html';
            ctx.body = logoutPage(lang, String(name), form, pathOf(ctx));
          },
          postLogoutSuccessSource: async (ctx) => {
            ctx.type = 'html';
            ctx.body = logoutDonePage(langOf(undefined, ctx.get('cookie')), pathOf(ctx));
          },
        },
      },
      interactions: {
        policy,
        url: async (_ctx, interaction) => {
          if (interaction.prompt.name === CPR_MATCH_PROMPT)
            return d.interactionUrl(this.prefix, interaction.uid, false);
          const c = await this.client(interaction.params.client_id);
          const parsed = c ? parseLogin(dialect, interaction.params, c, d.simulationEnabled) : undefined;
          const simulation = parsed?.ok === true && parsed.request.simulation !== null;
          return d.interactionUrl(this.prefix, interaction.uid, simulation);
        },
      },
      fetch: d.sessions.fetch,
      // Brokers show no consent screen: the grant of an SSO login covers the scopes asked for now.
      loadExistingGrant: async (ctx) => {
        const grantId =
          ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session?.grantIdFor(ctx.oidc.client?.clientId ?? '');
        // None of its own: its SSO group's login in the session, if any (sessions.ts).
        const grant = grantId
          ? await ctx.oidc.provider.Grant.find(grantId)
          : await d.sessions.ssoGrant(ctx, this);
        if (!grant?.jti) return undefined;
        await d.sessions.spellLogin(ctx, this, grant.jti);
        const wanted = [...ctx.oidc.requestParamOIDCScopes].join(' ');
        if (wanted && grant.getOIDCScopeFiltered(ctx.oidc.requestParamOIDCScopes) !== wanted) {
          grant.addOIDCScope(wanted);
          await grant.save();
        }
        return grant;
      },
      pairwiseIdentifier: async (_ctx, accountId, client) => {
        const c = await d.clients.get(client.clientId);
        return pairwiseSub(d.pairwiseKey, c?.oidc.organisation ?? client.clientId, accountId);
      },
      findAccount: async (ctx, id, token): Promise<Account | undefined> => {
        const ciba = cibaAccount(ctx, id);
        if (ciba) return ciba;
        const person = await personFacts(d.db, id);
        if (!person) return undefined;
        return {
          accountId: id,
          claims: async (use, scope) => {
            const t = token as { grantId?: string; sessionUid?: string } | undefined;
            const grantId = t?.grantId ?? ctx.oidc.entities.Grant?.jti;
            const stored = grantId ? await this.facts.get(grantId) : undefined;
            if (!stored) return { sub: id };
            const sessionId = t?.sessionUid ?? ctx.oidc.session?.uid ?? grantId ?? '';
            const facts = loginFactsOf(stored, { id: sessionId, expiry: stored.authTime + TTL.Session });
            const nowS = Math.floor(d.clock.now().getTime() / 1000);
            const claims = dialect.claims(
              use === 'id_token' ? 'id_token' : 'userinfo',
              await scopesWithCpr(
                ctx,
                cpr,
                new Set(scope.split(' ')),
                id,
                t?.sessionUid ?? ctx.oidc.session?.uid,
              ),
              person,
              facts,
              nowS,
            );
            return { ...claims, sub: id };
          },
        };
      },
      renderError: async (ctx, out) => {
        const lang = langOf(ctx.oidc?.params?.ui_locales, ctx.get('cookie'));
        ctx.type = 'html';
        ctx.set('cache-control', 'no-store');
        ctx.body = errorPage(lang, out, pathOf(ctx));
      },
    };
    const provider = new Provider(this.issuer, configuration);
    provider.proxy = d.proxy;
    d.sessions.install(provider);
    installCibaPull(provider, this.#ciba());
    // Secrets are checked by the registry: every live secret, in constant time, never a plain copy.
    provider.Client.prototype.compareClientSecret = async function (
      this: { clientId: string },
      actual: string,
    ) {
      return (await d.clients.authenticate(this.clientId, actual, 'oidc.login')) !== undefined;
    };
    provider.on(
      'authorization.error',
      (_ctx: KoaContextWithOIDC, err: { error?: string; allow_redirect?: boolean }) => {
        // Signaturgruppen answers a malformed request with its error page, never a redirect.
        if (dialect.malformedRequest === 'page' && err.error && MALFORMED.has(err.error))
          err.allow_redirect = false;
      },
    );
    provider.on('server_error', (_ctx: KoaContextWithOIDC, err: unknown) => d.onServerError(err));
    provider.use(signing.middleware);
    return provider;
  }
}
