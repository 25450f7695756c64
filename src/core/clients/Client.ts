/**
 * A client of MitID as the rest of the service sees it (docs/decisions/0010 §2.1, §3.3), and the
 * pure rules about it: what it may do, where it may send a person back to.
 */
import type { ClientsTable } from './tables.ts';

/** What a client may do. Each API checks its own; a missing one is answered as a wrong secret is. */
export const permissions = [
  /** POST /api/ra/v1/enrollments and the logout of a flow it started: a registration authority. */
  'enrollment.start',
  /** POST /api/ra/v1/people/mitid-status. */
  'enrollment.status',
  /** POST/GET /api/transactions: ask a person for an approval in the app. */
  'approvals.create',
  /** /nemid/authorize and /nemid/token: the legacy NemID login. */
  'nemid.login',
  /** The OpenID Connect login (flows/login/provider): a client of one broker dialect. */
  'oidc.login',
  /** The CPR number in the login (scope `ssn`): without it that scope fails the flow (invalid_scope). */
  'oidc.cpr',
  /** The decoupled approval (CIBA, flows/login/provider/ciba.ts): a request to a person's app without a browser. */
  'oidc.ciba',
] as const;

/** The broker dialects a client of the OpenID Connect login speaks (flows/login/dialects). */
export const CLIENT_DIALECTS = ['signaturgruppen', 'idura'] as const;
export type ClientDialect = (typeof CLIENT_DIALECTS)[number];
export const isClientDialect = (d: unknown): d is ClientDialect =>
  typeof d === 'string' && (CLIENT_DIALECTS as readonly string[]).includes(d);

/** How an OpenID Connect client authenticates at the token endpoint (and PAR). */
export const TOKEN_AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'private_key_jwt'] as const;
export type TokenAuthMethod = (typeof TOKEN_AUTH_METHODS)[number];
export const ID_TOKEN_ALGS = ['RS256', 'ES256'] as const;
export type IdTokenAlg = (typeof ID_TOKEN_ALGS)[number];

/** A public JWK as a client registers it (for private_key_jwt and signed request objects). */
export type PublicJwk = Readonly<Record<string, unknown>> & { kty: string };

/** The OpenID Connect metadata of a client (the `settings` column, JSON). */
export interface OidcSettings {
  tokenEndpointAuthMethod: TokenAuthMethod;
  postLogoutRedirectUris: readonly string[];
  /** What `sub` is pairwise for: every client of one organisation gets the same `sub`. Default: the client id. */
  organisation: string;
  /** The client's public keys (private_key_jwt, RS256/ES256 request objects). */
  jwks: readonly PublicJwk[];
  idTokenSignedResponseAlg: IdTokenAlg;
  /** The SSO group (decision 0013 §4): a login at one member serves the others; null: none (default). */
  ssoGroup: string | null;
  /** Where the client receives back-channel logout tokens (OpenID Connect Back-Channel Logout); null: none. */
  backchannelLogoutUri: string | null;
}

const oneOf = <T extends string>(values: readonly T[], v: unknown, fallback: T): T =>
  typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T) : fallback;

/** The settings column read leniently: what is missing or malformed takes its default. */
export function oidcSettingsOf(json: string, clientId: string): OidcSettings {
  let raw: Record<string, unknown> = {};
  try {
    const v: unknown = JSON.parse(json);
    if (v && typeof v === 'object' && !Array.isArray(v)) raw = v as Record<string, unknown>;
  } catch {
    // a malformed column reads as empty
  }
  const strings = (v: unknown): string[] =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  const jwks = Array.isArray(raw.jwks)
    ? raw.jwks.filter(
        (k): k is PublicJwk =>
          !!k && typeof k === 'object' && typeof (k as { kty?: unknown }).kty === 'string',
      )
    : [];
  return {
    tokenEndpointAuthMethod: oneOf(TOKEN_AUTH_METHODS, raw.token_endpoint_auth_method, 'client_secret_basic'),
    postLogoutRedirectUris: strings(raw.post_logout_redirect_uris),
    organisation:
      typeof raw.organisation === 'string' && raw.organisation.length > 0 ? raw.organisation : clientId,
    jwks,
    idTokenSignedResponseAlg: oneOf(ID_TOKEN_ALGS, raw.id_token_signed_response_alg, 'RS256'),
    ssoGroup: typeof raw.sso_group === 'string' && raw.sso_group.length > 0 ? raw.sso_group : null,
    backchannelLogoutUri:
      typeof raw.backchannel_logout_uri === 'string' && raw.backchannel_logout_uri.length > 0
        ? raw.backchannel_logout_uri
        : null,
  };
}

/** The settings column as written (the OpenID Connect metadata's own names). */
export function oidcSettingsJson(s: Partial<OidcSettings>): string {
  return JSON.stringify({
    ...(s.tokenEndpointAuthMethod ? { token_endpoint_auth_method: s.tokenEndpointAuthMethod } : {}),
    ...(s.postLogoutRedirectUris ? { post_logout_redirect_uris: s.postLogoutRedirectUris } : {}),
    ...(s.organisation ? { organisation: s.organisation } : {}),
    ...(s.jwks && s.jwks.length > 0 ? { jwks: s.jwks } : {}),
    ...(s.idTokenSignedResponseAlg ? { id_token_signed_response_alg: s.idTokenSignedResponseAlg } : {}),
    ...(s.ssoGroup ? { sso_group: s.ssoGroup } : {}),
    ...(s.backchannelLogoutUri ? { backchannel_logout_uri: s.backchannelLogoutUri } : {}),
  });
}

export type Permission = (typeof permissions)[number];

export const isPermission = (p: string): p is Permission => (permissions as readonly string[]).includes(p);

export type ClientStatus = ClientsTable['status'];

export interface Client {
  id: string;
  /** Shown to people ("Log på hos {name}"): a proper name, the same in every language. */
  name: string;
  status: ClientStatus;
  permissions: readonly Permission[];
  /** A registration authority's origin; its return URLs must lie on it. */
  origin: string | null;
  /** Matched exactly (no prefix, no open redirect). */
  redirectUris: readonly string[];
  /** Where "back to the service" links go. */
  homeUrl: string | null;
  /** In MitID's own process (MitID.dk): never authenticates with a secret. */
  internal: boolean;
  /** The broker dialect of its OpenID Connect login; null: not an OpenID Connect client. */
  dialect: ClientDialect | null;
  /** A test client: may use the simulation parameter (when OIDC_SIMULATION is on). */
  testClient: boolean;
  /** The OpenID Connect metadata (defaults when the client has none). */
  oidc: OidcSettings;
  createdAt: number;
  updatedAt: number;
}

/** A JSON array of strings from a column; anything else reads as empty (never throws on a row). */
function stringsOf(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function clientOfRow(row: ClientsTable): Client {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    // An unknown permission in the row (a newer version's) grants nothing here.
    permissions: stringsOf(row.permissions).filter(isPermission),
    origin: row.origin,
    redirectUris: stringsOf(row.redirect_uris),
    homeUrl: row.home_url,
    internal: row.internal === 1,
    // An unknown dialect in the row (a newer version's) is no OpenID Connect client here.
    dialect: isClientDialect(row.dialect) ? row.dialect : null,
    testClient: row.test_client === 1,
    oidc: oidcSettingsOf(row.settings, row.id),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Whether the client is active and holds the permission. */
export function may(client: Client, p: Permission): boolean {
  return client.status === 'active' && client.permissions.includes(p);
}

/** A registration authority's return URL: on the client's own origin (scheme, host and port). */
export function returnUrlAllowed(client: Client, url: string): boolean {
  if (!client.origin) return false;
  try {
    return new URL(url).origin === client.origin;
  } catch {
    return false;
  }
}

/** A redirect URI: one of the registered ones, character for character. */
export function redirectUriAllowed(client: Client, uri: string): boolean {
  return client.redirectUris.includes(uri);
}
