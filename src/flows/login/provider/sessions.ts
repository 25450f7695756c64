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
 *   own dialect's provider. The deliveries are rows of `backchannel_logouts` (migration 0029),
 *   written before the first try, so a node's crash loses none: this node tries each at once
 *   and again after each retry delay; any node's timer (`start`) claims a row that came due (a
 *   crashed node's, or one whose lease ran out) with one conditional UPDATE, so two nodes never
 *   send one row at once. A delivered row is deleted; after the last try it is given up
 *   (next_at null, logged at error) and swept a day later (`sweepBackchannelLogouts`).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';
import Provider, { errors, interactionPolicy } from 'oidc-provider';
import type { Level } from '../../../core/authenticators/index.ts';
import type { Client, ClientRegistry } from '../../../core/clients/index.ts';
import { DIALECTS, type Dialect, type DialectName } from '../dialects/Dialect.ts';
import { dialectOf } from '../dialects/index.ts';
import type { BackchannelLogoutsDb, BackchannelLogoutsTable } from '../tables.ts';
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

/** How long a claimed delivery is this node's before another node may take it (far above a send's time). */
const LEASE_MS = 60_000;
/** How often each node looks for deliveries that came due. */
const RETRY_EVERY_MS = 5_000;
/** The due deliveries one look claims at most. */
const BATCH = 20;
/** How long a given-up delivery is kept for inspection (from its creation). */
const GIVEN_UP_KEPT_MS = 24 * 60 * 60_000;
/** The longest last_error kept. */
const REASON_MAX = 200;

/** Removes the deliveries given up more than a day ago (sweep.ts); the number removed. */
export async function sweepBackchannelLogouts(
  db: Kysely<BackchannelLogoutsDb> | { withTables: unknown },
  now: number,
): Promise<number> {
  const r = await (db as Kysely<BackchannelLogoutsDb>)
    .deleteFrom('backchannel_logouts')
    .where('next_at', 'is', null)
    .where('created_at', '<', now - GIVEN_UP_KEPT_MS)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

type Row = Pick<BackchannelLogoutsTable, 'id' | 'client_id' | 'account_id' | 'sid' | 'attempts'>;

export interface SessionsDeps {
  clients: ClientRegistry;
  /** The MitID service's database (any with the backchannel_logouts table; Kysely's types are invariant). */
  db: Kysely<BackchannelLogoutsDb> | { withTables: unknown };
  clock: { now(): Date };
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
  readonly #inFlight = new Set<Promise<unknown>>();
  readonly #db: Kysely<BackchannelLogoutsDb>;
  /** The waits of this node's own retries (ended early by `stop`). */
  readonly #waits = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  #timer: NodeJS.Timeout | undefined;
  #looking = false;
  #stopped = false;

  constructor(deps: SessionsDeps) {
    this.#d = deps;
    this.#db = deps.db as Kysely<BackchannelLogoutsDb>;
  }

  /** Starts this node's timer that retries the due deliveries of any node (register.ts, at onReady). */
  start(): void {
    this.#stopped = false;
    if (this.#timer) return;
    this.#timer = setInterval(() => void this.#look(), RETRY_EVERY_MS);
    this.#timer.unref();
  }

  /**
   * Stops the timer and this node's own retries (at onClose; a test's node that "crashed"): what
   * is not delivered stays in the table for another node. A session ended later is still written
   * and tried once here.
   */
  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    for (const w of this.#waits) {
      clearTimeout(w.timer);
      w.resolve();
    }
    this.#waits.clear();
  }

  async #look(): Promise<void> {
    if (this.#looking) return;
    this.#looking = true;
    try {
      await this.retryDue();
    } catch (err) {
      this.#d.log('error', 'back-channel logout retry failed', {
        reason: err instanceof Error ? err.message : String(err),
      });
    } finally {
      this.#looking = false;
    }
  }

  /**
   * Claims the deliveries that came due (any node's) and tries each once; the number claimed.
   * The claim is one conditional UPDATE per row (`next_at <= now` → `now + lease`, attempts
   * unchanged): of two nodes looking at once, one gets the row.
   */
  async retryDue(): Promise<number> {
    const now = this.#d.clock.now().getTime();
    const due = await this.#db
      .selectFrom('backchannel_logouts')
      .select(['id', 'client_id', 'account_id', 'sid', 'attempts'])
      .where('next_at', '<=', now)
      .orderBy('next_at')
      .limit(BATCH)
      .execute();
    const tries: Promise<void>[] = [];
    for (const row of due) {
      const held = now + LEASE_MS;
      const r = await this.#db
        .updateTable('backchannel_logouts')
        .set({ next_at: held })
        .where('id', '=', row.id)
        .where('next_at', '<=', now)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) continue;
      tries.push(this.#track(this.#attempt({ ...row, attempts: Number(row.attempts) }, held)));
    }
    await Promise.all(tries);
    return tries.length;
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
      if (list.length > 0) this.#track(this.#enqueue(list));
    });
  }

  /** The deliveries written (one statement), then each tried at once; held by this node meanwhile. */
  async #enqueue(list: readonly Delivery[]): Promise<void> {
    const now = this.#d.clock.now().getTime();
    const held = now + LEASE_MS;
    const rows = list.map((item) => ({
      id: randomUUID(),
      client_id: item.clientId,
      account_id: item.accountId,
      sid: item.sid,
      attempts: 0,
      next_at: held,
      created_at: now,
      last_error: null,
    }));
    try {
      await this.#db.insertInto('backchannel_logouts').values(rows).execute();
    } catch (err) {
      this.#d.log('error', 'back-channel logouts not stored; not delivered', {
        clients: list.map((x) => x.clientId),
        reason: err instanceof Error ? err.message : String(err),
      });
      return;
    }
    await Promise.all(rows.map((row) => this.#attempt(row, held)));
  }

  #track<T>(p: Promise<T>): Promise<T> {
    this.#inFlight.add(p);
    void p.finally(() => this.#inFlight.delete(p)).catch(() => {});
    return p;
  }

  /** Waits `ms` of real time (the retry delays), or until `stop`; whether it waited the whole time. */
  #wait(ms: number): Promise<boolean> {
    if (this.#stopped) return Promise.resolve(false);
    return new Promise((done) => {
      const w = {
        timer: setTimeout(() => {
          this.#waits.delete(w);
          done(true);
        }, ms),
        resolve: () => done(false),
      };
      w.timer.unref();
      this.#waits.add(w);
    });
  }

  /** Sends a logout token to the client; false: nothing to send (the client or its URI is gone). */
  async #sendTo(row: Row): Promise<boolean> {
    const c = await this.#d.clients.get(row.client_id);
    const dp = c?.dialect ? this.#providers.get(c.dialect as DialectName) : undefined;
    if (!dp) return false;
    const provider = dp.provider;
    const client = await provider.Client.find(row.client_id);
    const send = this.#send.get(provider);
    if (!client?.backchannelLogoutUri || !send) return false;
    await send.call(client, row.account_id, row.sid);
    return true;
  }

  /**
   * This node's own retry of a row it left at `next` (next_at), after `wait` of real time: it
   * claims the row only if it is as this node left it (no other node took it meanwhile).
   */
  async #retryOwn(row: Row, next: number, wait: number): Promise<void> {
    if (!(await this.#wait(wait))) return;
    const again = this.#d.clock.now().getTime() + LEASE_MS;
    try {
      const r = await this.#db
        .updateTable('backchannel_logouts')
        .set({ next_at: again })
        .where('id', '=', row.id)
        .where('next_at', '=', next)
        .where('attempts', '=', row.attempts)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return;
    } catch (err) {
      this.#d.log('error', 'back-channel logout retry not claimed; left to the timer', {
        client: row.client_id,
        reason: err instanceof Error ? err.message : String(err),
      });
      return;
    }
    await this.#attempt(row, again);
  }

  /**
   * One try of a row this node holds (its next_at is `held`): delivered, it is deleted; failed,
   * attempts+1 and next_at by the retry delays (or null: given up), only while still held; then
   * this node tries it again after the delay (`#retryOwn`), unless stopped.
   */
  async #attempt(row: Row, held: number): Promise<void> {
    const delays = this.#d.retryDelaysMs ?? [1000, 5000, 30_000];
    const tried = row.attempts + 1;
    try {
      const sent = await this.#sendTo(row);
      if (sent)
        this.#d.log('info', 'back-channel logout delivered', { client: row.client_id, attempt: tried });
    } catch (err) {
      const reason = (err instanceof Error ? err.message : String(err)).slice(0, REASON_MAX);
      const wait = delays[row.attempts];
      const now = this.#d.clock.now().getTime();
      const next = wait === undefined ? null : now + wait;
      try {
        const r = await this.#db
          .updateTable('backchannel_logouts')
          .set({ attempts: tried, next_at: next, last_error: reason })
          .where('id', '=', row.id)
          .where('next_at', '=', held)
          .executeTakeFirst();
        // Not held any more: another node took it when this node's lease ran out.
        if (Number(r.numUpdatedRows) !== 1) return;
      } catch (dbErr) {
        this.#d.log('error', 'back-channel logout failed and not recorded', {
          client: row.client_id,
          attempt: tried,
          reason: dbErr instanceof Error ? dbErr.message : String(dbErr),
        });
        return;
      }
      if (next === null || wait === undefined) {
        this.#d.log('error', 'back-channel logout not delivered; given up', {
          client: row.client_id,
          attempts: tried,
          reason,
        });
        return;
      }
      this.#d.log('warn', 'back-channel logout failed; trying again', {
        client: row.client_id,
        attempt: tried,
        reason,
      });
      // Not awaited: a timer's look (retryDue) goes on to the other rows meanwhile; settled() waits.
      void this.#track(this.#retryOwn({ ...row, attempts: tried }, next, wait));
      return;
    }
    try {
      await this.#db.deleteFrom('backchannel_logouts').where('id', '=', row.id).execute();
    } catch (err) {
      // Left in the table: another node sends it again once the lease runs out (a second token, harmless).
      this.#d.log('error', 'back-channel logout delivered but not removed', {
        client: row.client_id,
        reason: err instanceof Error ? err.message : String(err),
      });
    }
  }
}
