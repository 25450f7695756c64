/**
 * The decoupled approval (CIBA poll mode, decision 0013 §5): a service asks a person's MitID app
 * for an approval without a browser, and polls the token endpoint for the answer. Rules:
 * - the request (`/op/connect/ciba`, `/idura/ciba/bc-authorize`): the client's usual client auth
 *   and the permission oidc.ciba (its metadata gets the CIBA grant type); `binding_message` is
 *   required, a person text of at most 130 characters, the text the app shows; the person is
 *   Signaturgruppen's `login_hint_token` JSON `{"uuid": …}` or (a client with oidc.cpr only)
 *   `{"cpr": …}`, plain or base64, or `login_hint` `uuid:<uuid>` (both dialects); `id_token_hint`,
 *   `user_code` and the simulation are refused; the level is the dialect's (acr_values or
 *   idp_params loa_value), default substantial;
 * - an unknown or inactive person gets the same answer as a known one (an authentication for
 *   nobody, which nobody sees and which expires): nobody learns whether a uuid or CPR has a MitID;
 * - limits, counted in the database before anything is created (so parallel requests cannot
 *   pass together): CIBA_LIMITS per client and person, per person across clients; a person's
 *   "Afvis og anmeld" refuses that client's requests to that person for REPORT_BLOCK_MS; over a
 *   limit or reported: `access_denied`, and nothing reaches the app;
 * - the request is an authentication of channel `ciba` (kinds app, action approve, so the PIN or
 *   biometrics: the one rule), linked to the library's BackchannelAuthenticationRequest by a
 *   ciba_requests row; `expires_in` 300, `interval` 3;
 * - the poll (any node): a poll sooner than the interval after the last one is `slow_down` (one
 *   conditional UPDATE); an approval is consumed once and becomes the Grant and login facts the
 *   tokens are made of (provider.backchannelResult); a rejection or cancel is `access_denied`;
 *   an expiry `expired_token`; otherwise `authorization_pending` (the library's).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import Provider, { type Account, type Configuration, errors, type KoaContextWithOIDC } from 'oidc-provider';
import { type Authentications, requiresUserVerification } from '../../../core/authentications/index.ts';
import type { Level } from '../../../core/authenticators/index.ts';
import { type Client, may } from '../../../core/clients/index.ts';
import type { MitidDb } from '../../../core/db/index.ts';
import { type Clock, DAY, HOUR, MINUTE } from '../../../platform/clock.ts';
import { RateCounters } from '../../../platform/http/RateCounters.ts';
import type { Random } from '../../../platform/random.ts';
import { checkPersonText } from '../../../platform/text/checkPersonText.ts';
import { type Dialect, REFERENCE_TEXT_MAX, TEXT_PROBLEMS } from '../dialects/index.ts';
import {
  ialOf,
  type LoginFactsStore,
  loginFactsOf,
  pairwiseSub,
  personFacts,
  type StoredLogin,
} from './accounts.ts';

export const CIBA_GRANT = 'urn:openid:params:grant-type:ciba';
/** Seconds (SG:ciba-par-oidc-integration.md). */
export const CIBA_EXPIRES_IN = 300;
export const CIBA_INTERVAL = 3;

/** How many requests a client may send one person, and one person may get, in a window. */
export const CIBA_LIMITS = {
  clientPerson: { max: 3, windowMs: 5 * MINUTE },
  person: { max: 10, windowMs: HOUR },
} as const;
/** How long a person's report stops the reported client's requests to them. */
export const REPORT_BLOCK_MS = DAY;

/** What a client of the registry must be to use CIBA here (its metadata gets the grant type). */
export const mayCiba = (c: Client): boolean => may(c, 'oidc.ciba');

/** The client metadata a CIBA client gets (poll mode only). */
export const cibaMetadata = (
  c: Client,
): { grant_types: string[]; backchannel_token_delivery_mode?: 'poll' } =>
  mayCiba(c)
    ? { grant_types: ['authorization_code', CIBA_GRANT], backchannel_token_delivery_mode: 'poll' }
    : { grant_types: ['authorization_code'] };

export interface CibaDeps {
  db: Kysely<MitidDb>;
  clock: Clock;
  random: Random;
  dialect: Dialect;
  authentications: Authentications;
  facts: LoginFactsStore;
  pairwiseKey: Buffer;
  /** How long the login facts live (the Grant's lifetime, seconds). */
  grantTtlS: number;
  /** The registry client of this dialect that may log in here. */
  client(id: unknown): Promise<Client | undefined>;
  /** The dialect's reading of the request (providers.ts parseLogin): the level, or its refusal. */
  parse(
    params: Readonly<Record<string, unknown>>,
    client: Client,
  ): { ok: true; level: Level } | { ok: false; error: Error };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CPR = /^[0-9]{10}$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** The request's level, read in validateRequestContext (before the person), used at the trigger. */
const levels = new WeakMap<object, Level>();

const isCiba = (ctx: KoaContextWithOIDC): boolean => ctx.oidc?.route === 'backchannel_authentication';

/**
 * The account of a CIBA request, whoever the hint named (findAccount at the backchannel
 * authentication endpoint): never looked up, so an unknown person reads as a known one. The
 * library's `id_token_hint` (a pairwise `sub` here, not an account) is refused. Undefined for
 * every other route.
 */
export function cibaAccount(ctx: KoaContextWithOIDC, id: string): Account | undefined {
  if (!isCiba(ctx)) return undefined;
  if (ctx.oidc.params?.id_token_hint !== undefined)
    throw new errors.InvalidRequest(
      'id_token_hint is not supported: name the person by login_hint or login_hint_token',
    );
  return { accountId: id, claims: async () => ({ sub: id }) };
}

/** A stand-in account id for a CPR number with no active MitID: the same for the same number, never a real uuid's. */
const nobodyOf = (key: Buffer, cpr: string): string => pairwiseSub(key, 'ciba unknown person v1', cpr);

function uuidOfLoginHint(hint: string): string {
  const uuids = hint
    .split(/[ \t]+/)
    .filter((t) => t.startsWith('uuid:'))
    .map((t) => t.slice(5));
  const [uuid] = uuids;
  if (uuids.length !== 1 || !uuid || !UUID.test(uuid))
    throw new errors.InvalidRequest('login_hint must name the person as uuid:<their MitID uuid>');
  return uuid.toLowerCase();
}

/**
 * The level: the dialect's reading (Idura: `acr_values`; Signaturgruppen: `idp_params`
 * loa_value/aal_value). Signaturgruppen's reading knows no `acr_values`, CIBA's own parameter:
 * without a level in `idp_params`, its first MitID level URI counts; another value is refused.
 */
function levelOf(dialect: Dialect, params: Record<string, unknown>, parsed: Level): Level {
  if (dialect.name !== 'signaturgruppen' || typeof params.acr_values !== 'string') return parsed;
  let mitid: Record<string, unknown> = {};
  try {
    const idp = typeof params.idp_params === 'string' ? JSON.parse(params.idp_params) : undefined;
    mitid = (idp?.mitid ?? {}) as Record<string, unknown>;
  } catch {
    // the dialect has read idp_params already: a malformed one never gets here
  }
  if (mitid.loa_value != null || mitid.aal_value != null) return parsed;
  const levels: Level[] = ['low', 'substantial', 'high'];
  const [first] = params.acr_values.split(' ').filter((v) => v !== '');
  const level = levels.find((l) => dialect.acr(l) === first);
  if (!level)
    throw new errors.InvalidRequest(
      `acr_values must be a MitID level: ${levels.map((l) => dialect.acr(l)).join(', ')}`,
    );
  return level;
}

/** `{"uuid": …}` or `{"cpr": …}`, as JSON or base64 of JSON; exactly one member. */
function parseLoginHintToken(token: string): { uuid: string } | { cpr: string } {
  const bad = (why: string): never => {
    throw new errors.InvalidRequest(`login_hint_token ${why}`);
  };
  let text = token.trim();
  if (!text.startsWith('{')) {
    if (!BASE64.test(text)) bad('must be JSON or base64 of JSON');
    text = Buffer.from(text.replaceAll('-', '+').replaceAll('_', '/'), 'base64').toString('utf8');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return bad('is not valid JSON');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return bad('must be a JSON object');
  const members = Object.entries(value as Record<string, unknown>);
  const [first] = members;
  if (members.length !== 1 || !first || (first[0] !== 'uuid' && first[0] !== 'cpr'))
    return bad('must have exactly one member, "uuid" or "cpr"');
  const [name, v] = first;
  if (name === 'uuid') {
    if (typeof v !== 'string' || !UUID.test(v)) return bad('uuid must be a uuid');
    return { uuid: v.toLowerCase() };
  }
  if (typeof v !== 'string' || !CPR.test(v)) return bad('cpr must be 10 digits');
  return { cpr: v };
}

/** features.ciba of one dialect's provider. */
export function cibaFeature(d: CibaDeps): NonNullable<Configuration['features']>['ciba'] {
  const counters = new RateCounters(d.db);
  const registryClient = async (ctx: KoaContextWithOIDC): Promise<Client> => {
    const c = await d.client(ctx.oidc.client?.clientId);
    if (!c || !mayCiba(c)) throw new errors.UnauthorizedClient('the client may not use CIBA');
    return c;
  };

  /** The block of a report, then the limits, counted before the request is made. */
  const admit = async (ctx: KoaContextWithOIDC, accountId: string): Promise<string> => {
    const c = await registryClient(ctx);
    const now = d.clock.now().getTime();
    const reported = await d.db
      .selectFrom('authentications')
      .select('id')
      .where('identity_id', '=', accountId)
      .where('client_id', '=', c.id)
      .where('reported', '=', 1)
      .where('decided_at', '>', now - REPORT_BLOCK_MS)
      .executeTakeFirst();
    if (reported)
      throw new errors.AccessDenied('the person has reported this service’s requests; try again later');
    const { clientPerson, person } = CIBA_LIMITS;
    const pair = await counters.hit(
      'ciba.client-person',
      JSON.stringify([c.id, accountId]),
      clientPerson.max,
      clientPerson.windowMs,
      now,
    );
    if (!pair.ok)
      throw new errors.AccessDenied('too many requests from this service to this person; try again later');
    const all = await counters.hit('ciba.person', accountId, person.max, person.windowMs, now);
    if (!all.ok) throw new errors.AccessDenied('too many requests to this person; try again later');
    return accountId;
  };

  return {
    enabled: true,
    deliveryModes: ['poll'],
    // Runs first (with the binding message): the client, the dialect's reading, what is refused.
    validateRequestContext: async (ctx) => {
      const c = await registryClient(ctx);
      const params = ctx.oidc.params as Record<string, unknown>;
      if (params.user_code !== undefined) throw new errors.InvalidRequest('user_code is not supported');
      const parsed = d.parse(params, c);
      if (!parsed.ok) throw parsed.error;
      levels.set(ctx, levelOf(d.dialect, params, parsed.level));
    },
    validateBindingMessage: async (_ctx, message) => {
      if (message === undefined)
        throw new errors.InvalidBindingMessage('binding_message is required: the text the person approves');
      const checked = checkPersonText(message, { field: 'binding_message', max: REFERENCE_TEXT_MAX });
      if (!checked.ok)
        throw new errors.InvalidBindingMessage(`binding_message ${TEXT_PROBLEMS[checked.problem]}`);
    },
    processLoginHint: async (ctx, hint) => admit(ctx, uuidOfLoginHint(String(hint ?? ''))),
    processLoginHintToken: async (ctx, token) => {
      if (d.dialect.name !== 'signaturgruppen')
        throw new errors.InvalidRequest('login_hint_token is not supported: use login_hint uuid:<uuid>');
      const hint = parseLoginHintToken(String(token ?? ''));
      if ('uuid' in hint) return admit(ctx, hint.uuid);
      const c = await registryClient(ctx);
      if (!may(c, 'oidc.cpr'))
        throw new errors.InvalidRequest('the client may not name a person by CPR number: use "uuid"');
      const row = await d.db
        .selectFrom('identities')
        .select('id')
        .where('cpr', '=', hint.cpr)
        .where('status', '=', 'active')
        .executeTakeFirst();
      return admit(ctx, row?.id ?? nobodyOf(d.pairwiseKey, hint.cpr));
    },
    verifyUserCode: async () => undefined,
    triggerAuthenticationDevice: async (ctx, request, account) => {
      const c = await registryClient(ctx);
      const level = levels.get(ctx) ?? 'substantial';
      const text = checkPersonText(request.params?.binding_message, {
        field: 'binding_message',
        max: REFERENCE_TEXT_MAX,
      });
      if (!text.ok) throw new errors.InvalidBindingMessage('binding_message is not a valid text');
      const now = d.clock.now().getTime();
      // A UUID, as the box's (the transaction_id of the tokens).
      const id = randomUUID();
      // The link first: a crash before the authentication leaves a request that stays pending
      // and expires; never an authentication the client cannot reach.
      await d.db
        .insertInto('ciba_requests')
        .values({
          auth_req_id: request.jti,
          authentication_id: id,
          client_id: c.id,
          last_polled_at: null,
          expires_at: now + CIBA_EXPIRES_IN * 1000,
        })
        .execute();
      await d.authentications.create({
        id,
        clientId: c.id,
        serviceName: c.name,
        action: 'approve',
        text: text.value,
        requestedLevel: level,
        requiresUv: requiresUserVerification('approve', level),
        kinds: ['app'],
        challenge: d.random.token(32),
        // Resolved inside the INSERT: an active MitID, or nobody (the same answer to the client).
        who: { uuid: account.accountId },
        channel: 'ciba',
      });
      (ctx.body as Record<string, unknown>).interval = CIBA_INTERVAL;
    },
  };
}

/** The link is written just after its request: a request the store forgot this close to the link's end expired. */
const EXPIRY_SLACK_MS = 5000;

/** How long a link outlives its request: a late poll is told expired_token, not "not found". */
export const LINK_KEPT_MS = HOUR;

/** The service's sweep: the links whose requests ended more than LINK_KEPT_MS ago. */
export async function sweepCibaRequests(db: Kysely<MitidDb>, now: number): Promise<number> {
  const r = await db
    .deleteFrom('ciba_requests')
    .where('expires_at', '<=', now - LINK_KEPT_MS)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

type CibaRequest = InstanceType<Provider['BackchannelAuthenticationRequest']>;

/**
 * The pull: the token endpoint's poll of a CIBA grant finds the request through the model's
 * find, which this wraps (the library has no hook between its lookup and its pending check).
 * Only at the token endpoint, only for the request's own client, only while undecided.
 */
export function installCibaPull(provider: Provider, d: CibaDeps): void {
  allowPairwiseCibaClients(provider);
  const Model = provider.BackchannelAuthenticationRequest;
  const find = Model.find.bind(Model) as (id: string, o?: object) => Promise<CibaRequest | undefined>;
  const pulling = async (id: string, o?: object): Promise<CibaRequest | undefined> => {
    const request = await find(id, o);
    const ctx = Provider.ctx;
    const polling = ctx?.oidc?.route === 'token' && ctx.oidc.params?.grant_type === CIBA_GRANT;
    if (!request && polling && typeof id === 'string') {
      // The store forgets a request when it expires; its link says it was there. (One gone before
      // its time was revoked, e.g. by a replay after its tokens: the library's invalid_grant.)
      const link = await d.db
        .selectFrom('ciba_requests')
        .select('auth_req_id')
        .where('auth_req_id', '=', id)
        .where('client_id', '=', String(ctx?.oidc.client?.clientId))
        .where('expires_at', '<=', d.clock.now().getTime() + EXPIRY_SLACK_MS)
        .executeTakeFirst();
      if (link) throw new errors.ExpiredToken('the request has expired');
    }
    if (
      request &&
      polling &&
      ctx?.oidc.client?.clientId === request.clientId &&
      !request.grantId &&
      !request.error &&
      !request.consumed &&
      !request.isExpired
    ) {
      await pull(provider, d, request);
    }
    return request;
  };
  Object.defineProperty(Model, 'find', { value: pulling, configurable: true, writable: true });
}

/**
 * The library asks a pairwise CIBA client for private_key_jwt, a jwks_uri and a
 * sector_identifier_uri (CIBA Core §4: its sector would be the jwks_uri's host, having no
 * redirect URIs). Ours have redirect URIs (the sector is the first one's host), `sub` is pairwise
 * per organisation anyway (pairwiseIdentifier), and a CIBA client authenticates as it does at the
 * token endpoint (Min Bank: client_secret_basic; decision 0013 §5). So the schema's `required` and
 * `enums` checks look at such a client as if it had no CIBA grant type; every other check stays.
 */
function allowPairwiseCibaClients(provider: Provider): void {
  type Metadata = {
    grant_types?: string[];
    subject_type?: string;
    redirect_uris?: string[];
    backchannel_token_delivery_mode?: string;
  };
  const proto = (provider.Client as unknown as { Schema: { prototype: Record<string, unknown> } }).Schema
    .prototype;
  for (const name of ['required', 'enums'] as const) {
    const check = proto[name] as (this: Metadata) => void;
    proto[name] = function (this: Metadata) {
      const grants = this.grant_types;
      if (
        this.subject_type !== 'pairwise' ||
        !Array.isArray(grants) ||
        !grants.includes(CIBA_GRANT) ||
        this.backchannel_token_delivery_mode !== 'poll' ||
        !this.redirect_uris?.length
      )
        return check.call(this);
      this.grant_types = grants.filter((g) => g !== CIBA_GRANT);
      try {
        check.call(this);
      } finally {
        this.grant_types = grants;
      }
    };
  }
}

async function pull(provider: Provider, d: CibaDeps, request: CibaRequest): Promise<void> {
  const now = d.clock.now().getTime();
  const polled = await d.db
    .updateTable('ciba_requests')
    .set({ last_polled_at: now })
    .where('auth_req_id', '=', request.jti)
    .where((eb) =>
      eb.or([eb('last_polled_at', 'is', null), eb('last_polled_at', '<=', now - CIBA_INTERVAL * 1000)]),
    )
    .returning('authentication_id')
    .executeTakeFirst();
  if (!polled) {
    const link = await d.db
      .selectFrom('ciba_requests')
      .select('auth_req_id')
      .where('auth_req_id', '=', request.jti)
      .executeTakeFirst();
    if (link) throw new errors.SlowDown(`poll at most every ${CIBA_INTERVAL} seconds`);
    return; // no link (a crash at the request): pending until the library's expiry
  }
  const clientId = String(request.clientId);
  const a = await d.authentications.forClient(polled.authentication_id, clientId);
  if (!a) return;
  switch (a.status) {
    case 'approved': {
      const result = await d.authentications.consume(a.id, clientId, null);
      if (!result || !a.identityId)
        throw new errors.ExpiredToken('the approval was handed out already or is too old');
      const known = new Set(['openid', ...d.dialect.scopes]);
      const scopes = String(request.scope ?? '')
        .split(' ')
        .filter((s) => known.has(s));
      const grant = new provider.Grant({ accountId: a.identityId, clientId });
      grant.addOIDCScope(scopes.join(' '));
      const grantId = await grant.save();
      const authTime = Math.floor((a.decidedAt ?? now) / 1000);
      const facts: StoredLogin = {
        identityId: a.identityId,
        authenticationId: a.id,
        authTime,
        loa: result.loa,
        ial: (await ialOf(d.db, a.identityId)) ?? result.loa,
        aal: result.aal,
        amr: result.amr,
      };
      await d.facts.put(grantId, facts, d.grantTtlS);
      const person = await personFacts(d.db, a.identityId);
      const spelled = person
        ? d.dialect.claims(
            'id_token',
            new Set(scopes),
            person,
            loginFactsOf(facts, { id: grantId, expiry: authTime }),
            authTime,
          ).amr
        : undefined;
      const amr =
        Array.isArray(spelled) && spelled.every((m) => typeof m === 'string') ? spelled : result.amr;
      await provider.backchannelResult(request, grant, { acr: d.dialect.acr(result.loa), amr, authTime });
      return;
    }
    case 'rejected':
      await provider.backchannelResult(
        request,
        new errors.AccessDenied(d.dialect.cancelled.error_description ?? 'the person rejected the request'),
      );
      return;
    case 'cancelled':
      await provider.backchannelResult(request, new errors.AccessDenied('the request was cancelled'));
      return;
    case 'expired':
      throw new errors.ExpiredToken('the person did not answer in time');
    default:
      return;
  }
}
