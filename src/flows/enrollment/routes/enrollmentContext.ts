/**
 * What the enrollment routes share, and the one way a route gets its flow: by id, from the
 * browser it is bound to, open and not expired, and with that browser's binding still alive
 * (BROWSER_IDLE_MS after its last request; ended by the bank's logout).
 */

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { ServiceDeps } from '../../../config/deps.ts';
import { serverSecretOf } from '../../../config/secrets.ts';
import type { EnrollmentOffer, KindRegistry } from '../../../core/authenticators/index.ts';
import type { ClientRegistry } from '../../../core/clients/index.ts';
import { deriveCodeKey, OneTimeCodes } from '../../../core/codes/index.ts';
import type { MitidDb } from '../../../core/db/index.ts';
import { MitidError, refuse } from '../../../core/errors/index.ts';
import type { T } from '../../../i18n/catalogue.ts';
import { type Enrollment, EnrollmentStore, sha256 } from '../EnrollmentStore.ts';
import type { Step } from '../flowStates.ts';

export const BIND_COOKIE = 'mitid_enroll';

export interface EnrollmentContext {
  deps: ServiceDeps<MitidDb>;
  enrollments: EnrollmentStore;
  secure: boolean;
  /** The registration authorities (and every other client): src/core/clients. */
  clients: ClientRegistry;
  /** The authenticator kinds and what the wizard offers of each (core/authenticators). */
  kinds: KindRegistry;
  /** Whether the person has a MitID identity already. */
  hasMitid(cpr: string): Promise<boolean>;
  newId(): string;
  /** Validation and activation codes, keyed with a key derived from the service's secret. */
  codes: OneTimeCodes;
  /** The same codes on another handle (a transaction). */
  codesOn(db: Kysely<MitidDb>): OneTimeCodes;
}

export function enrollmentContext(
  deps: ServiceDeps<MitidDb>,
  clients: ClientRegistry,
  kinds: KindRegistry,
  hasMitid: (cpr: string) => Promise<boolean>,
): EnrollmentContext {
  const codeKey = deriveCodeKey(serverSecretOf(deps.secrets));
  const codesOn = (db: Kysely<MitidDb>): OneTimeCodes =>
    new OneTimeCodes({ db, clock: deps.clock, random: deps.random, key: codeKey });
  return {
    deps,
    enrollments: new EnrollmentStore(deps.db, kinds),
    secure: deps.config.mitidUrl.startsWith('https:'),
    clients,
    kinds,
    hasMitid,
    newId: () => deps.random.token(16),
    codes: codesOn(deps.db),
    codesOn,
  };
}

/** The path segment of each step (Danish URLs, as the person sees them). */
export const stepPaths: Record<Step | 'done', string> = {
  start: 'start',
  terms: 'vilkaar',
  choose: 'valg',
  contact: 'kontakt',
  userId: 'bruger-id',
  getAuthenticator: 'hent',
  activation: 'aktiver',
  done: 'faerdig',
};

export function stepUrl(e: Enrollment): string {
  const step = e.state.step;
  const path = step in stepPaths ? stepPaths[step as Step] : stepPaths.done;
  return `/tilmelding/${encodeURIComponent(e.id)}/${path}`;
}

export function setBinding(ctx: EnrollmentContext, reply: FastifyReply, value: string): void {
  reply.setCookie(BIND_COOKIE, value, {
    path: '/tilmelding',
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.secure,
    signed: true,
  });
}

/**
 * This browser held the flow, but its binding has ended (idle, or the person logged out of the
 * bank): the wizard asks for the person again (askForPerson.ts). Should it ever reach the
 * service's error handler, it is a plain ERR_FLOW_NOT_FOUND.
 */
export class BindingEnded extends MitidError {
  readonly enrollment: Enrollment;
  constructor(enrollment: Enrollment) {
    super('ERR_FLOW_NOT_FOUND');
    this.enrollment = enrollment;
  }
}

/**
 * The flow named in the URL, if it belongs to this browser and is still open. Every request that
 * gets it keeps the binding alive for another BROWSER_IDLE_MS.
 */
export async function loadFlow(ctx: EnrollmentContext, req: FastifyRequest): Promise<Enrollment> {
  const id = (req.params as { id?: string }).id ?? '';
  const raw = req.cookies[BIND_COOKIE];
  const binding = raw ? req.unsignCookie(raw) : undefined;
  if (!binding?.valid || !binding.value || id.length > 64) throw refuse('ERR_FLOW_NOT_FOUND');
  const enrollment = await ctx.enrollments.get(id);
  const browserHash = sha256(binding.value);
  if (!enrollment || enrollment.browserHash !== browserHash) throw refuse('ERR_FLOW_NOT_FOUND');
  const now = ctx.deps.clock.now().getTime();
  if (enrollment.state.step === 'expired' || enrollment.expiresAt <= now) {
    throw refuse('ERR_FLOW_EXPIRED');
  }
  if (!(await ctx.enrollments.touchBrowser(enrollment.id, browserHash, now))) {
    throw new BindingEnded(enrollment);
  }
  return enrollment;
}

/**
 * The offer of the flow's chosen kind. A flow past the choose step always has one (the stored
 * state is checked against the registry when it is read); before it, this is a programming error.
 */
export function offerOf(ctx: EnrollmentContext, e: Enrollment): EnrollmentOffer {
  const offer = e.state.authenticator === null ? undefined : ctx.kinds.offer(e.state.authenticator);
  if (!offer) throw new Error(`Enrollment ${e.id} has no chosen kind at ${e.state.step}`);
  return offer;
}

/** Whether the chosen kind comes from the app store (the app), not as an ordered device. */
export const isDownloaded = (offer: EnrollmentOffer): boolean => offer.deliveries.includes('appStore');

/** The chosen kind's name in sentences ("MitID kodeviser", "MitID kodeoplæser"). */
export function deviceName(ctx: EnrollmentContext, t: T, e: Enrollment): string {
  return t(offerOf(ctx, e).name);
}
