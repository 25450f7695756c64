/**
 * Transaction signing, MitID's side (decision 0013 §2): what the person approves comes in the
 * login request and goes back, signed, in the token response. Each rule, and where it is held:
 *
 * - `authorization_details` (RFC 9396, oidc-provider's richAuthorizationRequests) of exactly one
 *   `payment_initiation` element, checked by dialects/transfer.ts (`invalid_authorization_details`);
 *   Signaturgruppen's `signtext_base64` + `signtext_type` (extraParams with a validator);
 * - both only in a pushed request: at the authorization endpoint directly `invalid_request`;
 *   a pushed transaction request is read whole by its dialect at PAR, so a sign text that differs
 *   from the rendering, or is too long, is refused there (`invalid_request`);
 * - the library needs a resource indicator with RAR: a transaction's request defaults to
 *   TRANSACTION_RESOURCE (scope-less; the access token stays a userinfo token). Only a
 *   transaction's request may name it, so a code carries it only when it is a transaction's code;
 * - a login with a transaction is always prompted (a policy check of the login prompt): a
 *   session or an SSO group never approves it. The box makes it an approval with the PIN;
 * - the token endpoint (a Koa middleware): for a transaction's code whose login facts hold the
 *   transaction, `transaction_token` (the JWS of §2's table) beside the library's
 *   `authorization_details`.
 */
import { createHash, randomUUID } from 'node:crypto';
import { importJWK, SignJWT } from 'jose';
import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';
import { errors, interactionPolicy } from 'oidc-provider';
import type { Action } from '../../../core/authentications/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { SigningJwk } from '../../../platform/keys/oidcSigningKey.ts';
import type { Dialect, LoginRequest } from '../dialects/Dialect.ts';
import {
  checkPaymentInitiation,
  nsisLevel,
  PAYMENT_INITIATION,
  signaturgruppenAmr,
} from '../dialects/index.ts';
import type { LoginFactsStore, StoredLogin, StoredTransaction } from './accounts.ts';

/** The resource indicator a transaction's request defaults to (oidc-provider needs one with RAR). */
export const TRANSACTION_RESOURCE = 'urn:open-mitid:transaction-signing';
export const TRANSACTION_SPEC_VER = '0.9';
const SIGNTEXT_PARAMS = ['signtext_base64', 'signtext_type'] as const;

/** The transaction facts of a parsed request, for the grant's LoginFacts (undefined: none). */
export const storedTransactionOf = (request: LoginRequest): StoredTransaction | undefined =>
  request.transaction
    ? {
        text: request.transaction.text,
        type: request.transaction.type,
        details: request.transaction.details,
        referenceText: request.referenceText,
        action: request.action,
      }
    : undefined;

type Parsed =
  | { ok: true; request: LoginRequest }
  | { ok: false; error: string; description: string }
  | undefined;

export interface TransactionSigningDeps {
  dialect: Dialect;
  issuer: string;
  clock: Clock;
  facts: LoginFactsStore;
  /** The private signing JWKs, the current version's first. */
  signingKeys: () => SigningJwk[];
  /** The pairwise `sub` of an account at a client (the ID token's). */
  subOf: (accountId: string, clientId: string) => Promise<string>;
  /** The client's dialect's reading of a request (parseLogin); undefined for an unknown client. */
  parse: (params: Record<string, unknown>, clientId: string) => Promise<Parsed>;
}

type Params = Record<string, unknown>;
const present = (v: unknown): boolean => v !== undefined && v !== null && v !== '';

/** A request that asks for a transaction (whether or not it is a valid one). */
export const asksTransaction = (params: Params): boolean =>
  present(params.authorization_details) || SIGNTEXT_PARAMS.some((p) => present(params[p]));

const pushed = (ctx: KoaContextWithOIDC): boolean =>
  ctx.oidc.route === 'pushed_authorization_request' ||
  ctx.oidc.entities.PushedAuthorizationRequest !== undefined;

const onlyPushed = (name: string): Error =>
  new errors.InvalidRequest(`${name} is accepted only in a pushed authorization request (PAR)`);

const refusalError = (error: string, description: string): Error =>
  error === 'invalid_scope'
    ? new errors.InvalidScope(description, '')
    : error === 'unauthorized_client'
      ? new errors.UnauthorizedClient(description)
      : new errors.InvalidRequest(description);

const hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The dialect's word for the action (Signaturgruppen's action_text, Idura's login_hint action). */
const actionWord = (dialect: Dialect, action: Action): string =>
  dialect.name === 'signaturgruppen' ? action.toUpperCase() : action;

/** The claims of a transaction token (decision 0013 §2's table). */
export function transactionClaims(input: {
  dialect: Dialect;
  issuer: string;
  clientId: string;
  sub: string;
  nowS: number;
  login: StoredLogin & { transaction: StoredTransaction };
}): Record<string, unknown> {
  const { login, dialect } = input;
  const t = login.transaction;
  return {
    iss: input.issuer,
    aud: input.clientId,
    iat: input.nowS,
    jti: randomUUID(),
    sub: input.sub,
    spec_ver: TRANSACTION_SPEC_VER,
    transaction_actions: ['mitid.transaction_signing'],
    'mitid.transaction_id': login.authenticationId,
    'mitid.transaction_text': t.text,
    'mitid.transaction_text_sha256': hex(t.text),
    'mitid.transaction_text_type': t.type,
    ...(t.referenceText ? { 'mitid.reference_text': t.referenceText } : {}),
    action: actionWord(dialect, t.action),
    acr: dialect.acr(login.loa),
    loa: nsisLevel(login.loa),
    amr: signaturgruppenAmr(login.amr)[0] ?? 'code_app',
    auth_time: login.authTime,
    ...(t.details ? { authorization_details: [t.details] } : {}),
  };
}

export interface TransactionSigning {
  /** `features.richAuthorizationRequests` and `features.resourceIndicators` (typed loosely: the library's union types of the two do not spread). */
  features: object;
  /** The dialect's extraParams, with the sign text's validators (Signaturgruppen). */
  extraParams(names: readonly string[]): NonNullable<Configuration['extraParams']>;
  /** The login prompt's check: a transaction is always a new approval. */
  check: InstanceType<typeof interactionPolicy.Check>;
  /** The token endpoint's `transaction_token` (a Koa middleware: `provider.use`). */
  middleware: (ctx: KoaContextWithOIDC, next: () => Promise<void>) => Promise<void>;
}

export function transactionSigning(d: TransactionSigningDeps): TransactionSigning {
  /** At PAR, a transaction's request is read whole by its dialect: it fails there, not at the box. */
  const checkPushedRequest = async (ctx: KoaContextWithOIDC): Promise<void> => {
    if (ctx.oidc.route !== 'pushed_authorization_request') return;
    const clientId = ctx.oidc.client?.clientId;
    const parsed = clientId ? await d.parse(ctx.oidc.params as Params, clientId) : undefined;
    if (parsed && !parsed.ok) throw refusalError(parsed.error, parsed.description);
  };

  const detailsOf = async (grantId: string | undefined) => {
    const login = grantId ? await d.facts.get(grantId) : undefined;
    const details = login?.transaction?.details;
    return details ? [details] : undefined;
  };

  const features: TransactionSigning['features'] = {
    richAuthorizationRequests: {
      enabled: true,
      types: {
        [PAYMENT_INITIATION]: {
          validate: async (ctx: KoaContextWithOIDC, detail: unknown) => {
            if (!pushed(ctx)) throw onlyPushed('authorization_details');
            const all = JSON.parse(String(ctx.oidc.params?.authorization_details)) as unknown[];
            if (all.length !== 1) {
              throw new errors.InvalidAuthorizationDetails(
                `authorization_details must hold exactly one ${PAYMENT_INITIATION}`,
              );
            }
            const checked = checkPaymentInitiation(detail);
            if (!checked.ok) throw new errors.InvalidAuthorizationDetails(checked.description);
            await checkPushedRequest(ctx);
          },
        },
      },
      // The code and the access token carry the details the person approved (the grant's facts).
      authorizationDetailsForGrantSource: async (_ctx: unknown, code: { grantId?: string }) =>
        detailsOf(code.grantId),
      authorizationDetailsForAccessToken: async (_ctx: unknown, _token: unknown, source: { rar?: unknown }) =>
        source.rar,
      authorizationDetailsForIntrospection: async (_ctx: unknown, token: { rar?: unknown }) => token.rar,
    },
    resourceIndicators: {
      enabled: true,
      defaultResource: async (ctx: KoaContextWithOIDC, _client: unknown, oneOf?: string | string[]) =>
        oneOf ?? (asksTransaction(ctx.oidc.params as Params) ? TRANSACTION_RESOURCE : undefined),
      useGrantedResource: async () => false,
      getResourceServerInfo: async (ctx: KoaContextWithOIDC, indicator: string) => {
        // Only a transaction's request names it, so that only a transaction's code carries it.
        if (indicator === TRANSACTION_RESOURCE && asksTransaction(ctx.oidc.params as Params)) {
          return { scope: '', accessTokenFormat: 'opaque' };
        }
        throw new errors.InvalidTarget();
      },
    },
  } as never;

  const extraParams = (names: readonly string[]): NonNullable<Configuration['extraParams']> => {
    const out: Record<string, ((ctx: KoaContextWithOIDC, value: unknown) => Promise<void>) | null> = {};
    for (const name of names) {
      out[name] = (SIGNTEXT_PARAMS as readonly string[]).includes(name)
        ? async (ctx, value) => {
            if (!present(value)) return;
            if (!pushed(ctx)) throw onlyPushed(name);
            if (name === 'signtext_base64') await checkPushedRequest(ctx);
          }
        : null;
    }
    return out as never;
  };

  const check = new interactionPolicy.Check(
    'transaction_signing',
    'a transaction is always a new approval',
    // prompt=none: no session may approve it, so a new login is what is missing.
    'login_required',
    async (ctx) => {
      const clientId = ctx.oidc.client?.clientId;
      const params = ctx.oidc.params as Params;
      if (!clientId || !asksTransaction(params)) return interactionPolicy.Check.NO_NEED_TO_PROMPT;
      const parsed = await d.parse(params, clientId);
      const transaction = parsed?.ok === true && parsed.request.transaction !== undefined;
      // Only the login this interaction has just made (in the box) approves it, never a session's.
      return transaction && ctx.oidc.result?.login === undefined
        ? interactionPolicy.Check.REQUEST_PROMPT
        : interactionPolicy.Check.NO_NEED_TO_PROMPT;
    },
  );

  const middleware = async (ctx: KoaContextWithOIDC, next: () => Promise<void>): Promise<void> => {
    await next();
    if (ctx.oidc?.route !== 'token' || ctx.status !== 200) return;
    const code = ctx.oidc.entities.AuthorizationCode;
    const clientId = ctx.oidc.client?.clientId;
    if (!code?.grantId || !clientId || ![code.resource].flat().includes(TRANSACTION_RESOURCE)) return;
    const login = await d.facts.get(code.grantId);
    const transaction = login?.transaction;
    if (!login || !transaction) return;
    const alg = ctx.oidc.client?.idTokenSignedResponseAlg === 'ES256' ? 'ES256' : 'RS256';
    const jwk = d.signingKeys().find((k) => k.alg === alg);
    if (!jwk) throw new Error(`No ${alg} oidc-signing key`);
    const claims = transactionClaims({
      dialect: d.dialect,
      issuer: d.issuer,
      clientId,
      sub: await d.subOf(login.identityId, clientId),
      nowS: Math.floor(d.clock.now().getTime() / 1000),
      login: { ...login, transaction },
    });
    const key = await importJWK(jwk, alg);
    const token = await new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT', kid: jwk.kid }).sign(key);
    (ctx.body as Record<string, unknown>).transaction_token = token;
  };

  return { features, extraParams, check, middleware };
}
