/**
 * The LoginMount of one provider (the port the box uses, LoginMount.ts) and the simulation: a
 * test client's `simulation=no-ui uuid:<uuid>` (only when OIDC_SIMULATION is on) records a real
 * authentication of that person, approved as the app with PIN, consumes it as the box would, and
 * finishes the interaction through the same finishLogin: its tokens carry a real login's claims.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Kysely } from 'kysely';
import {
  type AuthenticationResult,
  type Authentications,
  requiresUserVerification,
} from '../../../core/authentications/index.ts';
import type { Authenticators } from '../../../core/authenticators/index.ts';
import type { MitidDb } from '../../../core/db/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Random } from '../../../platform/random.ts';
import type { LoginRequest } from '../dialects/Dialect.ts';
import { ialOf, loginFactsOf, personFacts, type StoredLogin } from './accounts.ts';
import { CPR_MATCH_EXCEEDED, CPR_MATCH_TRIES, cprLoginOf, levelOfAcr, needsNewLogin } from './cprMatch.ts';
import type { BoxInteraction, CprAttempt, LoginMount } from './LoginMount.ts';
import { langOf } from './pages.ts';
import { type DialectProvider, type Prefix, parseLogin, TTL } from './providers.ts';
import { stepUpOf } from './sessions.ts';
import { storedTransactionOf } from './transactionSigning.ts';

type Interaction = Awaited<ReturnType<DialectProvider['provider']['interactionDetails']>>;

export interface MountDeps {
  db: Kysely<MitidDb>;
  clock: Clock;
  random: Random;
  simulationEnabled: boolean;
  authentications: Authentications;
  authenticators: Authenticators;
}

/** Epoch seconds; a value in milliseconds is recognised (no login is from before 1973 in seconds). */
const seconds = (t: number): number => (t > 100_000_000_000 ? Math.floor(t / 1000) : Math.floor(t));

/** Why a simulated login could not be made (the client is told access_denied with it). */
export class SimulationRefused extends Error {
  override name = 'SimulationRefused';
}

export class ProviderMount implements LoginMount {
  readonly prefix: Prefix;
  readonly #p: DialectProvider;
  readonly #d: MountDeps;

  constructor(p: DialectProvider, deps: MountDeps) {
    this.#p = p;
    this.#d = deps;
    this.prefix = p.prefix;
  }

  get dialectProvider(): DialectProvider {
    return this.#p;
  }

  /**
   * The interaction a request found: the box asks for the details and then, in the same request,
   * finishes the login, which reads it from here instead of from the store again.
   */
  readonly #found = new WeakMap<IncomingMessage, Interaction>();

  async #interaction(req: IncomingMessage, res: ServerResponse): Promise<Interaction | undefined> {
    try {
      const i = await this.#p.provider.interactionDetails(req, res);
      this.#found.set(req, i);
      return i;
    } catch {
      // No interaction cookie, or its interaction has expired or finished.
      return undefined;
    }
  }

  async details(req: IncomingMessage, res: ServerResponse): Promise<BoxInteraction | undefined> {
    const i = await this.#interaction(req, res);
    if (!i) return undefined;
    const client = await this.#p.client(i.params.client_id);
    if (!client) return undefined;
    const parsed = parseLogin(this.#p.dialect, i.params, client, this.#d.simulationEnabled);
    if (!parsed.ok) return undefined;
    const stepUp = stepUpOf(i as Parameters<typeof stepUpOf>[0]);
    const cpr = cprLoginOf(i);
    const cprState = cpr ? await this.#p.cprMatches.state(cpr) : undefined;
    const nowS = Math.floor(this.#d.clock.now().getTime() / 1000);
    return {
      uid: i.uid,
      dialect: this.#p.dialect.name,
      client: { id: client.id, name: client.name },
      request: parsed.request,
      lang: parsed.request.language ?? langOf(i.params.ui_locales, req.headers.cookie),
      prompt: i.prompt.name,
      ...(cpr && cprState
        ? {
            cprMatch: {
              triesLeft: Math.max(0, CPR_MATCH_TRIES - cprState.mismatches),
              expired: needsNewLogin(cprState, cpr.loginTs, nowS),
            },
          }
        : {}),
      ...(stepUp ? { stepUp } : {}),
    };
  }

  async cprMatch(req: IncomingMessage, res: ServerResponse, cpr: string): Promise<CprAttempt> {
    const i = this.#found.get(req) ?? (await this.#p.provider.interactionDetails(req, res));
    const login = cprLoginOf(i);
    const client = await this.#p.client(i.params.client_id);
    const person = login ? await personFacts(this.#d.db, login.identityId) : undefined;
    if (!login || !client || !person) return { result: 'expired' };
    return await this.#p.cprMatches.attempt(login, person.cpr, cpr, {
      clientId: client.id,
      serviceName: client.name,
      level: levelOfAcr(this.#p.dialect, i.session?.acr),
    });
  }

  async finishCprMatch(
    req: IncomingMessage,
    res: ServerResponse,
    how: 'match' | 'exceeded' | 'expired',
  ): Promise<void> {
    const provider = this.#p.provider;
    if (how === 'exceeded') {
      await provider.interactionFinished(req, res, CPR_MATCH_EXCEEDED[this.#p.dialect.name], {
        mergeWithLastSubmission: false,
      });
      return;
    }
    // A match: on with the login this interaction came from (the policy finds the match in the
    // database). Expired: the policy's login check asks for a new MitID login.
    await provider.interactionFinished(req, res, how === 'match' ? { cpr_match: { matched: true } } : {}, {
      mergeWithLastSubmission: how === 'match',
    });
  }

  async finishLogin(
    req: IncomingMessage,
    res: ServerResponse,
    login: {
      identityId: string;
      authenticationId: string;
      result: AuthenticationResult;
      authTime: number;
    },
  ): Promise<void> {
    const provider = this.#p.provider;
    const i = this.#found.get(req) ?? (await provider.interactionDetails(req, res));
    const clientId = String(i.params.client_id);
    // Brokers show no consent screen: the grant is what was asked for, of what this provider knows.
    const known = new Set(['openid', ...this.#p.dialect.scopes]);
    const scopes = String(i.params.scope ?? '')
      .split(' ')
      .filter((s) => known.has(s));
    const grant = new provider.Grant({ accountId: login.identityId, clientId });
    grant.addOIDCScope(scopes.join(' '));
    const grantId = await grant.save();
    const { result } = login;
    const authTime = seconds(login.authTime);
    const client = await this.#p.client(clientId);
    const parsed = client
      ? parseLogin(this.#p.dialect, i.params, client, this.#d.simulationEnabled)
      : undefined;
    const transaction = parsed?.ok ? storedTransactionOf(parsed.request) : undefined;
    const facts: StoredLogin = {
      identityId: login.identityId,
      authenticationId: login.authenticationId,
      authTime,
      loa: result.loa,
      ial: (await ialOf(this.#d.db, login.identityId)) ?? result.loa,
      aal: result.aal,
      amr: result.amr,
      ...(transaction ? { transaction } : {}),
    };
    await this.#p.facts.put(grantId, facts, TTL.Grant);
    // The ID token's amr as the dialect spells it (the library writes amr from the login).
    const person = await personFacts(this.#d.db, login.identityId);
    const spelled = person
      ? this.#p.dialect.claims(
          'id_token',
          new Set(scopes),
          person,
          loginFactsOf(facts, { id: grantId, expiry: authTime + TTL.Session }),
          authTime,
        ).amr
      : undefined;
    const amr = Array.isArray(spelled) && spelled.every((m) => typeof m === 'string') ? spelled : result.amr;
    await provider.interactionFinished(
      req,
      res,
      {
        login: { accountId: login.identityId, acr: this.#p.dialect.acr(result.loa), amr, ts: authTime },
        consent: { grantId },
      },
      { mergeWithLastSubmission: false },
    );
  }

  async finishRefused(
    req: IncomingMessage,
    res: ServerResponse,
    _why: 'cancelled' | 'rejected' | 'expired',
  ): Promise<void> {
    const { cancelled } = this.#p.dialect;
    await this.#p.provider.interactionFinished(
      req,
      res,
      {
        error: cancelled.error,
        ...(cancelled.error_description ? { error_description: cancelled.error_description } : {}),
      },
      { mergeWithLastSubmission: false },
    );
  }

  /**
   * The simulation's interaction page: no UI. Returns false when this browser has no such
   * interaction (the caller answers with a page); otherwise the response is written.
   */
  async simulate(req: IncomingMessage, res: ServerResponse, uid: string): Promise<boolean> {
    const i = await this.#interaction(req, res);
    if (!i || i.uid !== uid) return false;
    const client = await this.#p.client(i.params.client_id);
    const parsed = client
      ? parseLogin(this.#p.dialect, i.params, client, this.#d.simulationEnabled)
      : undefined;
    if (!client || !parsed?.ok || !parsed.request.simulation) return false;
    const { request } = parsed;
    const { uuid } = parsed.request.simulation;
    try {
      const login = await this.#simulatedLogin(client.id, client.name, uuid, request);
      await this.finishLogin(req, res, login);
    } catch (err) {
      if (!(err instanceof SimulationRefused)) throw err;
      await this.#p.provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: err.message },
        { mergeWithLastSubmission: false },
      );
    }
    return true;
  }

  /**
   * A real authentication of the person, approved as their app answers a real login of this
   * request (with the PIN where the action or level requires it, as the box asks), consumed once:
   * the tokens are those of a real login.
   */
  async #simulatedLogin(clientId: string, serviceName: string, identityId: string, request: LoginRequest) {
    const d = this.#d;
    const identity = await d.db
      .selectFrom('identities')
      .select(['id', 'status', 'ial', 'notify_every_use'])
      .where('id', '=', identityId)
      .executeTakeFirst();
    if (identity?.status !== 'active')
      throw new SimulationRefused('the simulated person has no active MitID');
    const app = (await d.authenticators.listFor(identityId, 'app')).find((a) => a.status === 'active');
    if (!app) throw new SimulationRefused('the simulated person has no active MitID app');
    const challenge = d.random.token(32);
    const withPin =
      requiresUserVerification(request.action, request.level) || request.transaction !== undefined;
    const created = await d.authentications.create({
      // A UUID, as the box's (the transaction_id of a real login).
      id: randomUUID(),
      clientId,
      serviceName,
      action: request.action,
      text: request.transaction?.text ?? request.referenceText ?? '',
      requestedLevel: request.level,
      requiresUv: withPin,
      kinds: ['app'],
      challenge,
      who: { identityId },
      channel: 'api',
    });
    const now = d.clock.now().getTime();
    const approved = await d.authentications.addProof(created, {
      proof: {
        authenticatorId: app.id,
        kind: 'app',
        factors: withPin ? ['possession', 'knowledge'] : ['possession'],
        methods: withPin ? ['app', 'pin'] : ['app'],
        at: now,
      },
      challenge,
      evidence: { simulation: 'no-ui' },
      notifyEveryUse: identity.notify_every_use === 1,
      ial: identity.ial,
    });
    const result = approved ? await d.authentications.consume(created.id, clientId, null) : undefined;
    if (!result) throw new SimulationRefused('the simulated login was not approved');
    return { identityId, authenticationId: created.id, result, authTime: Math.floor(now / 1000) };
  }
}
