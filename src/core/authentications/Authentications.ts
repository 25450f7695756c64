/**
 * The authentications service (docs/decisions/0010 §3.2). Rules:
 * - every transition is one conditional UPDATE whose WHERE is the state machine's `from`
 *   (authenticationStates.ts), the expiry, and what it consumes (the challenge, the step state):
 *   of two decisions exactly one wins, a replay finds nothing, an expired row accepts nothing;
 * - a service's authentication names its person by user-ID; the identity is looked up in the same
 *   INSERT (an active MitID only: else it is for nobody, and no authenticator ever sees it);
 * - an authenticator's device sees only its identity's open rows whose channel is verified and
 *   whose kinds include its own (a browser-bound row stays hidden until the app proved the code);
 * - addProof approves only when the proofs reach the requested level (assuranceOf); the approving
 *   UPDATE writes the result (authenticator, kind, factors, amr, aal, loa = min(ial, aal),
 *   evidence) and emits person.authenticated on the same transaction when a hook wants it — when
 *   none does, it is its one UPDATE, without BEGIN and COMMIT;
 * - the result is consumed once, by its client, from its browser when bound, within two minutes.
 * Times come from the injected clock.
 */
import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import type { Factor, KindName, Level, Method, Proof } from '../authenticators/index.ts';
import { amrOf, assuranceOf, factorsOf, levelAtLeast, loaOf } from '../authenticators/index.ts';
import type { MitidDb } from '../db/index.ts';
import { type Hooks, inTransactionIfWanted } from '../events/index.ts';
import { normaliseUserId } from '../identity/index.ts';
import type { Action, Authentication, AuthenticationResult, CancelReason } from './Authentication.ts';
import {
  AUTHENTICATION_TTL_MS,
  CONSUME_TTL_MS,
  FROM,
  OPEN_STATUSES,
  statusAt,
} from './authenticationStates.ts';
import type { ChannelCandidate } from './channelBinding.ts';
import type { AuthenticationsTable } from './tables.ts';
import { transactionDigest } from './transactionDigest.ts';

export const MAX_TEXT_LENGTH = 130;

/**
 * Whether the person must use the PIN or biometrics (`requiresUv`): for level high, for every
 * approval of a payment, and for every signature (what binds the person needs the knowledge or
 * inherence factor as well as the phone). The one rule, for the service API's transactions, the
 * login box and CIBA alike.
 */
export const requiresUserVerification = (action: Action, level: Level): boolean =>
  level === 'high' || action === 'approve' || action === 'sign';

export interface NewAuthentication {
  id: string;
  clientId: string;
  serviceName: string;
  action: Action;
  text: string;
  details?: string;
  requestedLevel: Level;
  requiresUv: boolean;
  kinds: KindName[];
  challenge: string;
  /** By user-ID or MitID uuid (the login box's uuid hint): resolved to an active MitID inside the INSERT, or nobody. */
  who: { userId: string } | { uuid: string } | { identityId: string };
  /**
   * Browser-bound (the login box): the binding cookie's hash, the interaction, the channel secret
   * (channelBinding.ts). `verified`: the channel is already proved (a step-up of the browser's own
   * MitID session, decision 0013 §3): pending at once, no QR or code.
   */
  channel: 'api' | 'ciba' | { browserHash: string; interactionId?: string; secret: string; verified?: true };
  /** The login box's decoy reference (an HMAC of the typed user-ID; migration 0035). */
  decoyRef?: string;
}

/** A completed step, as the kind proved it, with what it consumed. */
export interface ProofIn {
  proof: Proof;
  challenge: string;
  /** The sealed step state the proof used: it must still be the one in flight (and is cleared). */
  stepState?: string;
  evidence: object;
  /** The person's "besked hver gang", as read with the authentication (no statement of its own). */
  notifyEveryUse: boolean;
  /** The person's identity assurance, as read with the authentication. */
  ial: Level;
}

/** The columns of a row, in the order the joined reads (the app's signed request) select them. */
export const AUTHENTICATION_COLUMNS = [
  'id',
  'client_id',
  'identity_id',
  'action',
  'service_name',
  'text',
  'details',
  'requested_level',
  'requires_uv',
  'kinds',
  'digest',
  'challenge',
  'channel',
  'browser_hash',
  'interaction_id',
  'channel_secret',
  'channel_verified_at',
  'status',
  'cancel_reason',
  'step_authenticator_id',
  'step_state',
  'proofs',
  'authenticator_id',
  'kind',
  'factors',
  'amr',
  'aal',
  'loa',
  'evidence',
  'created_at',
  'expires_at',
  'decided_at',
  'consumed_at',
  'reported',
] as const satisfies readonly (keyof AuthenticationsTable)[];

const resultOf = (r: Selectable<AuthenticationsTable>): AuthenticationResult | null =>
  r.status === 'approved' && r.authenticator_id && r.kind && r.aal && r.loa
    ? {
        authenticatorId: r.authenticator_id,
        kind: r.kind,
        factors: JSON.parse(r.factors ?? '[]') as Factor[],
        amr: JSON.parse(r.amr ?? '[]') as Method[],
        aal: r.aal,
        loa: r.loa,
      }
    : null;

export const authenticationFromRow = (r: Selectable<AuthenticationsTable>, now: number): Authentication => ({
  id: r.id,
  clientId: r.client_id,
  identityId: r.identity_id,
  action: r.action,
  serviceName: r.service_name,
  text: r.text,
  details: r.details,
  requestedLevel: r.requested_level,
  requiresUv: r.requires_uv === 1,
  kinds: JSON.parse(r.kinds) as KindName[],
  digest: r.digest,
  challenge: r.challenge,
  channel: r.channel,
  channelVerifiedAt: r.channel_verified_at,
  browserHash: r.browser_hash,
  status: statusAt({ status: r.status, expiresAt: r.expires_at }, now),
  cancelReason: r.cancel_reason,
  step:
    r.step_authenticator_id !== null && r.step_state !== null
      ? { authenticatorId: r.step_authenticator_id, state: r.step_state }
      : null,
  proofs: JSON.parse(r.proofs) as Proof[],
  result: resultOf(r),
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  decidedAt: r.decided_at,
  consumedAt: r.consumed_at,
  decoyRef: r.decoy_ref ?? null,
});

/** The WHERE a device's view needs: open, verified, for its kind (a JSON array holding `"kind"`). */
export const visibleTo =
  (kind: KindName, now: number) => (eb: ExpressionBuilder<{ t: AuthenticationsTable }, 't'>) =>
    eb.and([
      eb('t.status', '=', 'pending'),
      eb('t.expires_at', '>', now),
      eb('t.channel_verified_at', 'is not', null),
      eb('t.kinds', 'like', `%"${kind}"%`),
    ]);

const moved = (res: { numUpdatedRows: bigint }): boolean => Number(res.numUpdatedRows) === 1;

export interface AuthenticationsOptions {
  db: Kysely<MitidDb>;
  now(): number;
  hooks: Hooks;
}

export class Authentications {
  readonly #o: AuthenticationsOptions;
  constructor(o: AuthenticationsOptions) {
    this.#o = o;
  }

  /** One statement; a user-ID is resolved inside the INSERT (an active MitID, or nobody). */
  async create(n: NewAuthentication): Promise<Authentication> {
    const now = this.#o.now();
    const row = newRow(n, now);
    if ('identityId' in n.who) {
      const values = { ...row, identity_id: n.who.identityId };
      await this.#o.db.insertInto('authentications').values(values).execute();
      return authenticationFromRow(values, now);
    }
    const who = n.who;
    const inserted = await this.#o.db
      .insertInto('authentications')
      .values({
        ...row,
        identity_id: (eb) =>
          eb
            .selectFrom('identities')
            .select('id')
            .$if('userId' in who, (qb) =>
              qb.where('user_id_norm', '=', normaliseUserId('userId' in who ? who.userId : '')),
            )
            .$if('uuid' in who, (qb) => qb.where('id', '=', 'uuid' in who ? who.uuid : ''))
            .where('status', '=', 'active'),
      })
      .returning('identity_id')
      .executeTakeFirstOrThrow();
    return authenticationFromRow({ ...row, identity_id: inserted.identity_id }, now);
  }

  async get(id: string): Promise<Authentication | undefined> {
    const row = await this.#o.db
      .selectFrom('authentications')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? authenticationFromRow(row, this.#o.now()) : undefined;
  }

  /** Only its client's: another client's id reads as unknown. */
  async forClient(id: string, clientId: string): Promise<Authentication | undefined> {
    const a = await this.get(id);
    return a?.clientId === clientId ? a : undefined;
  }

  /**
   * The login box's authentication of an interaction, as the browser that started it reads it
   * (another browser's binding reads as none), with its channel (the secret the box derives the
   * QR frames and the typed code from; null once it is not awaiting a channel).
   */
  async forInteraction(
    interactionId: string,
    browserHash: string,
  ): Promise<{ authentication: Authentication; channel: ChannelCandidate | null } | undefined> {
    const row = await this.#o.db
      .selectFrom('authentications')
      .selectAll()
      .where('interaction_id', '=', interactionId)
      .where('browser_hash', '=', browserHash)
      .executeTakeFirst();
    if (!row) return undefined;
    const authentication = authenticationFromRow(row, this.#o.now());
    const channel =
      authentication.status === 'awaiting_channel' && row.channel_secret !== null
        ? { id: row.id, secret: row.channel_secret }
        : null;
    return { authentication, channel };
  }

  /**
   * Frees an interaction for a new start in the box (a second FORTSÆT, "Prøv igen"): its open
   * authentication is cancelled as superseded, and every row of the interaction leaves it
   * (`interaction_id` is unique: one current authentication per interaction; a row that left keeps
   * its browser binding, so it can still be consumed by nobody but that browser's box, which no
   * longer reads it). Returns how many were cancelled.
   */
  async releaseInteraction(interactionId: string): Promise<number> {
    const now = this.#o.now();
    return this.#o.db.transaction().execute(async (trx) => {
      const res = await trx
        .updateTable('authentications')
        .set({ ...cancelled('superseded', now), interaction_id: null })
        .where('interaction_id', '=', interactionId)
        .where('status', 'in', FROM.cancel)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      await trx
        .updateTable('authentications')
        .set({ interaction_id: null })
        .where('interaction_id', '=', interactionId)
        .execute();
      return Number(res.numUpdatedRows);
    });
  }

  /** What an authenticator's device may see, oldest first. */
  async pendingFor(identityId: string, kind: KindName): Promise<Authentication[]> {
    const now = this.#o.now();
    const rows = await this.#o.db
      .selectFrom('authentications as t')
      .selectAll('t')
      .where('t.identity_id', '=', identityId)
      .where(visibleTo(kind, now))
      .orderBy('t.created_at')
      .execute();
    return rows.map((r) => authenticationFromRow(r, now));
  }

  /**
   * The person's browser-bound authentications that still wait for a channel proof and that this
   * kind may answer: what an app's scanned QR or typed code is matched against (channelBinding.ts).
   */
  async awaitingChannel(identityId: string, kind: KindName): Promise<ChannelCandidate[]> {
    const now = this.#o.now();
    const rows = await this.#o.db
      .selectFrom('authentications')
      .select(['id', 'channel_secret', 'kinds'])
      .where('identity_id', '=', identityId)
      .where('status', '=', 'awaiting_channel')
      .where('expires_at', '>', now)
      .where('channel_secret', 'is not', null)
      .orderBy('created_at')
      .execute();
    return rows
      .filter((r) => (JSON.parse(r.kinds) as KindName[]).includes(kind))
      .map((r) => ({ id: r.id, secret: r.channel_secret as string }));
  }

  /** awaiting_channel → pending, once the authenticator proved the QR's or typed code (issue 9). */
  async verifyChannel(id: string, _authenticatorId: string): Promise<boolean> {
    const now = this.#o.now();
    return moved(
      await this.#o.db
        .updateTable('authentications')
        .set({ status: 'pending', channel_verified_at: now })
        .where('id', '=', id)
        .where('status', 'in', FROM.verifyChannel)
        .where('expires_at', '>', now)
        .executeTakeFirst(),
    );
  }

  /** Keeps the kind's sealed in-flight state (an OPAQUE login), replacing any earlier one. */
  async startStep(id: string, authenticatorId: string, sealedState: string): Promise<boolean> {
    const now = this.#o.now();
    return moved(
      await this.#o.db
        .updateTable('authentications')
        .set({ step_authenticator_id: authenticatorId, step_state: sealedState })
        .where('id', '=', id)
        .where('status', 'in', FROM.startStep)
        .where('expires_at', '>', now)
        .where('channel_verified_at', 'is not', null)
        .executeTakeFirst(),
    );
  }

  /** Clears the state `authenticatorId` started, if it is still `sealedState`. */
  async dropStep(id: string, authenticatorId: string, sealedState: string): Promise<boolean> {
    return moved(
      await this.#o.db
        .updateTable('authentications')
        .set({ step_authenticator_id: null, step_state: null })
        .where('id', '=', id)
        .where('step_authenticator_id', '=', authenticatorId)
        .where('step_state', '=', sealedState)
        .executeTakeFirst(),
    );
  }

  /**
   * pending → approved when the proofs reach the requested level (else pending, with the proof
   * added), consuming the challenge and the step state it used; compare-and-set on the proofs as
   * read (`a`: the row as the caller read it). False: decided, expired, or raced meanwhile.
   */
  async addProof(a: Authentication, p: ProofIn): Promise<boolean> {
    // Named nobody: no authenticator may add anything to it.
    if (a.identityId === null) return false;
    const now = this.#o.now();
    const proofs = [...a.proofs, p.proof];
    const aal = assuranceOf(proofs);
    const approves = aal !== undefined && levelAtLeast(aal, a.requestedLevel) && a.identityId !== null;
    const result: AuthenticationResult | undefined =
      approves && aal
        ? {
            authenticatorId: p.proof.authenticatorId,
            kind: p.proof.kind,
            factors: factorsOf(proofs),
            amr: amrOf(proofs),
            aal,
            loa: loaOf(p.ial, aal),
          }
        : undefined;
    const event = result && {
      ...result,
      identityId: a.identityId ?? '',
      at: now,
      authenticationId: a.id,
      clientId: a.clientId,
      serviceName: a.serviceName,
      notifyEveryUse: p.notifyEveryUse,
    };
    const wanted = event !== undefined && this.#o.hooks.wants('person.authenticated', event);
    return inTransactionIfWanted(this.#o.db, wanted, async (on) => {
      const res = await on
        .updateTable('authentications')
        .set({
          proofs: JSON.stringify(proofs),
          step_authenticator_id: null,
          step_state: null,
          ...(result
            ? {
                status: 'approved',
                challenge: null,
                decided_at: now,
                authenticator_id: result.authenticatorId,
                kind: result.kind,
                factors: JSON.stringify(result.factors),
                amr: JSON.stringify(result.amr),
                aal: result.aal,
                loa: result.loa,
                evidence: JSON.stringify(p.evidence),
              }
            : {}),
        })
        .where('id', '=', a.id)
        .where('status', 'in', FROM.addProof)
        .where('challenge', '=', p.challenge)
        .where('expires_at', '>', now)
        .where('proofs', '=', JSON.stringify(a.proofs))
        .where('identity_id', 'is not', null)
        .$if(p.stepState !== undefined, (qb) =>
          qb
            .where('step_authenticator_id', '=', p.proof.authenticatorId)
            .where('step_state', '=', p.stepState ?? ''),
        )
        .executeTakeFirst();
      const ok = moved(res);
      if (ok && event) await this.#o.hooks.emit(on, 'person.authenticated', event);
      return ok;
    });
  }

  /**
   * pending → rejected by the person, consuming the challenge (and the step state it used). With
   * `report` ("Afvis og anmeld"), only a CIBA request's: the row is marked reported (the provider
   * refuses that client's requests to the person for a while; the activity log shows it), and
   * that client's other open CIBA requests to the person are cancelled (reason person), in the
   * same transaction.
   */
  async reject(
    a: Authentication,
    p: { authenticatorId: string; challenge: string; stepState?: string; evidence: object; report?: boolean },
  ): Promise<boolean> {
    const now = this.#o.now();
    const event = {
      identityId: a.identityId ?? '',
      at: now,
      authenticationId: a.id,
      status: 'rejected' as const,
    };
    const wanted = this.#o.hooks.wants('authentication.ended', event) || p.report === true;
    return inTransactionIfWanted(this.#o.db, wanted, async (on) => {
      const res = await on
        .updateTable('authentications')
        .set({
          status: 'rejected',
          challenge: null,
          step_authenticator_id: null,
          step_state: null,
          decided_at: now,
          authenticator_id: p.authenticatorId,
          kind: 'app',
          evidence: JSON.stringify(p.evidence),
          ...(p.report ? { reported: 1 } : {}),
        })
        .where('id', '=', a.id)
        .where('status', 'in', FROM.reject)
        .$if(p.report === true, (qb) => qb.where('channel', '=', 'ciba'))
        .where('challenge', '=', p.challenge)
        .where('expires_at', '>', now)
        .$if(p.stepState !== undefined, (qb) =>
          qb
            .where('step_authenticator_id', '=', p.authenticatorId)
            .where('step_state', '=', p.stepState ?? ''),
        )
        .executeTakeFirst();
      const ok = moved(res);
      if (ok) await this.#o.hooks.emit(on, 'authentication.ended', event);
      if (ok && p.report && a.identityId) {
        const others = await on
          .updateTable('authentications')
          .set(cancelled('person', now))
          .where('channel', '=', 'ciba')
          .where('client_id', '=', a.clientId)
          .where('identity_id', '=', a.identityId)
          .where('id', '!=', a.id)
          .where('status', 'in', FROM.cancel)
          .where('expires_at', '>', now)
          .returning('id')
          .execute();
        for (const o of others)
          await this.#o.hooks.emit(on, 'authentication.ended', ended(a.identityId, o.id, now));
      }
      return ok;
    });
  }

  /**
   * awaiting_channel | pending → cancelled (Afbryd in the box, the client, superseded); emits
   * authentication.ended on the same transaction when a hook wants it (a row that names nobody:
   * no event, there is no person to tell).
   */
  async cancel(id: string, reason: CancelReason): Promise<boolean> {
    const now = this.#o.now();
    const wanted = this.#o.hooks.wants('authentication.ended', ended('', id, now));
    return inTransactionIfWanted(this.#o.db, wanted, async (on) => {
      const row = await on
        .updateTable('authentications')
        .set(cancelled(reason, now))
        .where('id', '=', id)
        .where('status', 'in', FROM.cancel)
        .where('expires_at', '>', now)
        .returning('identity_id')
        .executeTakeFirst();
      if (row?.identity_id)
        await this.#o.hooks.emit(on, 'authentication.ended', ended(row.identity_id, id, now));
      return row !== undefined;
    });
  }

  /**
   * The block hook, on the block's transaction: every open authentication of the identity (the
   * MitID blocked), or those in a step of the authenticator (one blocked). With `answerable`
   * (one blocked or revoked, and the kinds of the person's authenticators still active) also the
   * identity's open ones that none of those kinds may answer: a person whose only app is blocked
   * has nobody left to approve, and the service is told `cancelled` now rather than `expired` in
   * five minutes. Emits authentication.ended (cancelled) on `trx` for each that names a person.
   * Returns how many.
   */
  async cancelPendingOf(
    trx: Kysely<MitidDb>,
    t:
      | { identityId: string }
      | { authenticatorId: string }
      | { authenticatorId: string; identityId: string; answerable: readonly KindName[] },
  ): Promise<number> {
    const now = this.#o.now();
    const res = await trx
      .updateTable('authentications')
      .set(cancelled('blocked', now))
      .where('status', 'in', OPEN_STATUSES)
      .where('expires_at', '>', now)
      .where((eb) => {
        if (!('authenticatorId' in t)) return eb('identity_id', '=', t.identityId);
        const inStep = eb('step_authenticator_id', '=', t.authenticatorId);
        if (!('answerable' in t)) return inStep;
        // `kinds` is a JSON array of kind names (identifiers: no LIKE wildcard in them), as visibleTo reads it.
        const unanswerable = eb.and([
          eb('identity_id', '=', t.identityId),
          ...t.answerable.map((kind) => eb('kinds', 'not like', `%"${kind}"%`)),
        ]);
        return eb.or([inStep, unanswerable]);
      })
      .returning(['id', 'identity_id'])
      .execute();
    for (const r of res) {
      if (r.identity_id)
        await this.#o.hooks.emit(trx, 'authentication.ended', ended(r.identity_id, r.id, now));
    }
    return res.length;
  }

  /** Once, by its client, from its browser when bound, within CONSUME_TTL_MS: the result. */
  async consume(
    id: string,
    clientId: string,
    browserHash: string | null,
  ): Promise<AuthenticationResult | undefined> {
    const now = this.#o.now();
    const row = await this.#o.db
      .updateTable('authentications')
      .set({ consumed_at: now })
      .where('id', '=', id)
      .where('client_id', '=', clientId)
      .where('status', 'in', FROM.consume)
      .where('consumed_at', 'is', null)
      .where('decided_at', '>', now - CONSUME_TTL_MS)
      .where((eb) =>
        browserHash === null
          ? eb('browser_hash', 'is', null)
          : eb.or([eb('browser_hash', 'is', null), eb('browser_hash', '=', browserHash)]),
      )
      .returningAll()
      .executeTakeFirst();
    return row ? (resultOf(row) ?? undefined) : undefined;
  }
}

const ended = (identityId: string, authenticationId: string, at: number) => ({
  identityId,
  at,
  authenticationId,
  status: 'cancelled' as const,
});

const cancelled = (reason: CancelReason, now: number) => ({
  status: 'cancelled' as const,
  cancel_reason: reason,
  challenge: null,
  step_authenticator_id: null,
  step_state: null,
  decided_at: now,
});

function newRow(n: NewAuthentication, now: number): Selectable<AuthenticationsTable> {
  const browser = typeof n.channel === 'object' ? n.channel : undefined;
  return {
    id: n.id,
    client_id: n.clientId,
    identity_id: null,
    action: n.action,
    service_name: n.serviceName,
    text: n.text,
    details: n.details ?? null,
    requested_level: n.requestedLevel,
    requires_uv: n.requiresUv ? 1 : 0,
    kinds: JSON.stringify(n.kinds),
    // The digest's `level` is the requested level, as app.md fixes it.
    digest: transactionDigest({
      id: n.id,
      serviceName: n.serviceName,
      action: n.action,
      text: n.text,
      level: n.requestedLevel,
      createdAt: now,
    }),
    challenge: n.challenge,
    channel: browser ? 'browser' : (n.channel as 'api' | 'ciba'),
    browser_hash: browser?.browserHash ?? null,
    interaction_id: browser?.interactionId ?? null,
    channel_secret: browser?.secret ?? null,
    channel_verified_at: browser && !browser.verified ? null : now,
    status: browser && !browser.verified ? 'awaiting_channel' : 'pending',
    cancel_reason: null,
    step_authenticator_id: null,
    step_state: null,
    proofs: '[]',
    authenticator_id: null,
    kind: null,
    factors: null,
    amr: null,
    aal: null,
    loa: null,
    evidence: null,
    decoy_ref: n.decoyRef ?? null,
    created_at: now,
    expires_at: now + AUTHENTICATION_TTL_MS,
    decided_at: null,
    consumed_at: null,
    reported: 0,
  };
}
