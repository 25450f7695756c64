/**
 * One MitID session for both providers, SSO groups, step-up and back-channel logout (decision
 * 0013 §3 and §4). Added to each DialectProvider's configuration by a spread:
 * - the session cookie `_mitid_session` (path `/`) and the library's Session model in the shared
 *   `oidc_payloads` are the same in both instances, so a session is MitID's, not one dialect's;
 *   the interaction and resume cookies stay per provider. Both sign cookies with the one key
 *   ring, so one provider reads the other's cookie. The session's `acr` is the dialect's spelling
 *   of the provider that logged in: `levelOfAcr` reads either, and a token of the other dialect
 *   gets its own spelling (`loadExistingGrant`);
 * - SSO groups: a client with no authorization of its own in the session is prompted to log in
 *   unless a client of its group (`settings.ssoGroup`, non-null, equal) is in the session; then
 *   it gets a grant of its own carrying the session's newest login (its login facts copied);
 *   prompt=none: login_required;
 * - step-up: a request above the session's level is prompted, prompt=login or not; NEB's
 *   `enable_step_up` needs prompt=login (the dialect) and a level above the session's (here);
 * - back-channel logout: the library's feature (metadata, discovery, `sid` in the ID token of a
 *   client with a URI). The library sends only to its own provider's clients and before the
 *   session is gone; here its call is noted instead, and once the session has ended
 *   (`end_session.success`) every client of the session with a URI gets a logout token from its
 *   own dialect's provider. A failed delivery is logged and tried again a few times.
 */
import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';
import Provider, { errors, interactionPolicy } from 'oidc-provider';
import type { Level } from '../../../core/authenticators/index.ts';
import type { Client, ClientRegistry } from '../../../core/clients/index.ts';
import { DIALECTS, type Dialect, type DialectName } from '../dialects/Dialect.ts';
import { dialectOf } from '../dialects/index.ts';
import { loginFactsOf, type StoredLogin } from './accounts.ts';
import { type DialectProvider, TTL } from './providers.ts';

/** The session cookie of both providers. */
export const SESSION_COOKIE = '_mitid_session';

const RANK: Record<Level, number> = { low: 0, substantial: 1, high: 2 };
const LEVELS: readonly Level[] = ['low', 'substantial', 'high'];

/** The level of a session's `acr`, in either dialect's spelling; undefined: not a MitID level. */
export function levelOfAcr(acr: unknown): Level | undefined {
  if (typeof acr !== 'string') return undefined;
  for (const name of DIALECTS) {
    const d = dialectOf(name);
    const level = LEVELS.find((l) => d.acr(l) === acr);
    if (level) return level;
  }
  return undefined;
}

/** Whether `wanted` is above `current` (an unknown current level counts as below every level). */
export const above = (wanted: Level, current: Level | undefined): boolean =>
  current === undefined || RANK[wanted] > RANK[current];

/** The details key of the step-up check: the session's person, when the box may skip the user-ID and QR. */
const STEP_UP_DETAIL = 'step_up_uuid';

/**
 * The step-up of an interaction (what the step-up check left in its prompt's details): the
 * session's person, for the box; undefined: an ordinary login.
 */
export function stepUpOf(interaction: {
  prompt?: { details?: Record<string, unknown> };
  session?: { accountId?: unknown };
}): { uuid: string } | undefined {
  const uuid = interaction.prompt?.details?.[STEP_UP_DETAIL];
  return typeof uuid === 'string' && uuid !== '' && uuid === interaction.session?.accountId
    ? { uuid }
    : undefined;
}

/** A back-channel logout to send: the client, the account (the library's `sub` input) and its `sid`. */
interface Delivery {
  clientId: string;
  accountId: string;
  sid: string;
}

type SendLogout = (this: { clientId: string }, sub: string, sid: string) => Promise<void>;

export interface SessionsDeps {
  clients: ClientRegistry;
  /** A delivery that failed every try, or one try that failed (with the try's number). */
  log: (level: 'info' | 'warn' | 'error', msg: string, fields: Record<string, unknown>) => void;
  /** The waits before each further try of a failed delivery (ms). Default 1 s, 5 s, 30 s. */
  retryDelaysMs?: readonly number[];
}

const PERSON = {
  uuid: '00000000-0000-4000-8000-000000000000',
  name: 'Navn Navnesen',
  dateOfBirth: '2000-01-01',
  cpr: '',
  identityType: 'private' as const,
};

/** The amr a dialect issues for a stored login (as mount.ts spells it at finishLogin). */
function amrOf(dialect: Dialect, facts: StoredLogin): string[] {
  const spelled = dialect.claims(
    'id_token',
    new Set(['openid']),
    PERSON,
    loginFactsOf(facts, { id: '', expiry: 0 }),
    0,
  ).amr;
  return Array.isArray(spelled) && spelled.every((m) => typeof m === 'string') ? spelled : [...facts.amr];
}

/** What both providers share: the registry of the two, and the deliveries in flight. */
export class Sessions {
  readonly #d: SessionsDeps;
  readonly #providers = new Map<DialectName, DialectProvider>();
  /** The library's own send of each built Provider (its prototype's is replaced). */
  readonly #send = new WeakMap<Provider, SendLogout>();
  /** The library's calls during one end-session request (its own clients), by the request's context. */
  readonly #noted = new WeakMap<object, Delivery[]>();
  /** Back-channel logout URIs of the registry's clients (loopback ones may be fetched). */
  readonly #uris = new Set<string>();
  readonly #inFlight = new Set<Promise<void>>();

  constructor(deps: SessionsDeps) {
    this.#d = deps;
  }

  /** A provider of one dialect (register.ts adds both). */
  add(p: DialectProvider): void {
    this.#providers.set(p.dialect.name, p);
  }

  /** Resolves when every delivery started so far has ended (sent or given up): for tests and shutdown. */
  async settled(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  /** The client metadata of the feature: the URI, and `sid` in its tokens. */
  metadata(c: Client): Record<string, unknown> {
    const uri = c.oidc.backchannelLogoutUri;
    if (!uri) return {};
    this.#uris.add(uri);
    return { backchannel_logout_uri: uri, backchannel_logout_session_required: true };
  }

  /** The cookie options of the shared session (spread into `cookies`). */
  readonly cookie = { session: SESSION_COOKIE } as const;

  /**
   * The library's fetch, for its back-channel logout requests: the library refuses special-use
   * addresses (loopback, private networks) against SSRF; a URI from the registry is the
   * operator's own (there is no dynamic registration), so it may be on the loopback.
   */
  readonly fetch: NonNullable<Configuration['fetch']> = (url, options) => {
    const href = url instanceof URL ? url.href : String(url);
    const registered = [...this.#uris].some((u) => new URL(u).href === href);
    if (registered) delete (options as { dispatcher?: unknown }).dispatcher;
    return fetch(url, options);
  };

  /** The checks of the login prompt (after the dialect's): the SSO group's and the step-up's. */
  checks(
    parse: (ctx: KoaContextWithOIDC) => Promise<{ level: Level; stepUp?: boolean; uuidHint: string | null }>,
  ) {
    return [
      new interactionPolicy.Check(
        'sso_group',
        'End-User authentication is required for this client',
        'login_required',
        async (ctx) => {
          const session = ctx.oidc.session;
          if (!session?.accountId || ctx.oidc.result?.login) return interactionPolicy.Check.NO_NEED_TO_PROMPT;
          const clientId = ctx.oidc.client?.clientId ?? '';
          // An authorization of its own: an earlier login here, or its group's (loadExistingGrant).
          const own = session.authorizations?.[clientId]?.grantId;
          return own ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT;
        },
      ),
      new interactionPolicy.Check(
        'step_up',
        "the requested level is above the session's login",
        'login_required',
        async (ctx) => {
          if (ctx.oidc.result?.login) return interactionPolicy.Check.NO_NEED_TO_PROMPT;
          const request = await parse(ctx);
          const session = ctx.oidc.session;
          const higher = !!session?.accountId && above(request.level, levelOfAcr(session.acr));
          if (request.stepUp && !higher) {
            throw new errors.InvalidRequest(
              "idp_params.mitid.enable_step_up requires a level above the session's login",
            );
          }
          return higher ? interactionPolicy.Check.REQUEST_PROMPT : interactionPolicy.Check.NO_NEED_TO_PROMPT;
        },
        // The box may skip the user-ID and the QR only for the session's own person (no one else's
        // uuid hint), and only for a client the session already serves (its own authorization or
        // its SSO group's): another service cannot make the person's app ask by sending the browser.
        async (ctx) => {
          const session = ctx.oidc.session;
          const clientId = ctx.oidc.client?.clientId;
          if (!session?.accountId || !clientId) return {};
          const { uuidHint } = await parse(ctx);
          if (uuidHint !== null && uuidHint !== session.accountId) return {};
          const served =
            !!session.authorizations?.[clientId]?.grantId ||
            (await this.#groupLogin(ctx, clientId)) !== undefined;
          return served ? { [STEP_UP_DETAIL]: session.accountId } : {};
        },
      ),
    ];
  }

  /** The newest login in the session of a client of `clientId`'s SSO group (not its own), if any. */
  async #groupLogin(ctx: KoaContextWithOIDC, clientId: string): Promise<StoredLogin | undefined> {
    const session = ctx.oidc.session;
    if (!session?.accountId) return undefined;
    const me = await this.#d.clients.get(clientId);
    const group = me?.oidc.ssoGroup;
    if (!group) return undefined;
    const p = this.#providers.get(me.dialect as DialectName);
    if (!p) return undefined;
    let best: StoredLogin | undefined;
    for (const [id, a] of Object.entries(session.authorizations ?? {})) {
      if (id === clientId || !a.grantId) continue;
      const member = await this.#d.clients.get(id);
      if (member?.oidc.ssoGroup !== group) continue;
      const facts = await p.facts.get(a.grantId);
      if (facts?.identityId === session.accountId && (!best || facts.authTime > best.authTime)) best = facts;
    }
    return best;
  }

  /**
   * The grant of a client with none of its own in the session, when a client of its SSO group
   * is there: a new grant of the requested scopes, carrying the session's newest login of that
   * group. Undefined: no group, no member in the session, or the request asks for a new login.
   */
  async ssoGrant(ctx: KoaContextWithOIDC, p: DialectProvider) {
    const session = ctx.oidc.session;
    const clientId = ctx.oidc.client?.clientId;
    if (!session?.accountId || !clientId || ctx.oidc.prompts.has('login')) return undefined;
    const best = await this.#groupLogin(ctx, clientId);
    if (!best) return undefined;
    const known = new Set(['openid', ...p.dialect.scopes]);
    const grant = new ctx.oidc.provider.Grant({ accountId: session.accountId, clientId });
    grant.addOIDCScope([...ctx.oidc.requestParamOIDCScopes].filter((s) => known.has(s)).join(' '));
    const grantId = await grant.save();
    // The login, not what it approved: a transaction is its own client's, never another's.
    const { transaction: _approved, ...login } = best;
    await p.facts.put(grantId, login, TTL.Grant);
    this.#d.log('info', 'SSO login from the session', { client: clientId });
    return grant;
  }

  /**
   * The session's acr and amr in this dialect's spelling, for the code and ID token the library
   * makes from them (a session made by the other provider spells them its way).
   */
  async spellLogin(ctx: KoaContextWithOIDC, p: DialectProvider, grantId: string): Promise<void> {
    const level = levelOfAcr(ctx.oidc.session?.acr);
    if (level === undefined) return;
    Object.defineProperty(ctx.oidc, 'acr', { value: p.dialect.acr(level), configurable: true });
    const facts = await p.facts.get(grantId);
    if (facts) Object.defineProperty(ctx.oidc, 'amr', { value: amrOf(p.dialect, facts), configurable: true });
  }

  /** Called on each built Provider: the library's logout calls noted, the deliveries after the end. */
  install(provider: Provider): void {
    const proto = provider.Client.prototype as unknown as { backchannelLogout: SendLogout };
    this.#send.set(provider, proto.backchannelLogout);
    const noted = this.#noted;
    proto.backchannelLogout = async function (this: { clientId: string }, sub: string, sid: string) {
      const ctx = (Provider as unknown as { ctx?: object }).ctx;
      if (!ctx) return;
      const list = noted.get(ctx) ?? [];
      list.push({ clientId: this.clientId, accountId: sub, sid });
      noted.set(ctx, list);
    };
    provider.on('end_session.success', (ctx: KoaContextWithOIDC) => {
      const list = [...(noted.get(ctx) ?? [])];
      const session = ctx.oidc.session as
        | (NonNullable<KoaContextWithOIDC['oidc']['session']> & { destroyed?: boolean })
        | undefined;
      // The whole session ended: its clients of the other provider too (unknown to this one).
      if (session?.destroyed && typeof session.accountId === 'string') {
        for (const [clientId, a] of Object.entries(session.authorizations ?? {})) {
          if (a.sid && !list.some((x) => x.clientId === clientId)) {
            list.push({ clientId, accountId: session.accountId, sid: a.sid });
          }
        }
      }
      for (const item of list) this.#track(this.#deliver(item, 0));
    });
  }

  #track(p: Promise<void>): void {
    this.#inFlight.add(p);
    void p.finally(() => this.#inFlight.delete(p));
  }

  async #deliver(item: Delivery, attempt: number): Promise<void> {
    const delays = this.#d.retryDelaysMs ?? [1000, 5000, 30_000];
    try {
      const c = await this.#d.clients.get(item.clientId);
      const dp = c?.dialect ? this.#providers.get(c.dialect as DialectName) : undefined;
      if (!dp) return;
      const provider = dp.provider;
      const client = await provider.Client.find(item.clientId);
      const send = this.#send.get(provider);
      if (!client?.backchannelLogoutUri || !send) return;
      await send.call(client, item.accountId, item.sid);
      this.#d.log('info', 'back-channel logout delivered', { client: item.clientId, attempt: attempt + 1 });
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      const wait = delays[attempt];
      if (wait === undefined) {
        this.#d.log('error', 'back-channel logout not delivered; given up', {
          client: item.clientId,
          attempts: attempt + 1,
          reason,
        });
        return;
      }
      this.#d.log('warn', 'back-channel logout failed; trying again', {
        client: item.clientId,
        attempt: attempt + 1,
        reason,
      });
      await new Promise((resolve) => setTimeout(resolve, wait).unref());
      await this.#deliver(item, attempt + 1);
    }
  }
}
