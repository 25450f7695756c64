/**
 * Who may try a NemID password now, and what a failure counts on (docs/protocols/nemid.md,
 * "Password attempts"). An attempt for a user-ID is
 *   trusted    when the browser has a valid device cookie entry for that user-ID whose own
 *              counter is not blocked: it counts only on that counter (5 failures per lock), and
 *              no other counter can refuse it, so a stranger's failures never keep the owner's
 *              own browser out;
 *   untrusted  otherwise: it is refused, without checking the password, while the user-ID's
 *              counter (5 per lock, 15 min doubling to 4 h), the address's (30 an hour) or the
 *              global one (3000 an hour) is blocked; a failure counts on all three.
 * The user-ID counter is keyed by an HMAC of the normalised user-ID whether or not it exists, so
 * unknown and known user-IDs are slowed down alike (no enumeration). An attempt is counted as a
 * failure before its password is compared (claimAttempt) and refunded when it was right, so
 * parallel guesses get no more comparisons than the limits allow.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { MitidDb } from '../../core/db/index.ts';
import type { Lang } from '../../i18n/types.ts';
import { MINUTE } from '../../platform/clock.ts';
import { type AttemptClaim, AttemptCounterStore } from './attemptCounters.ts';
import { deviceCounterKey, deviceNonceFor, trustBrowser, userTag } from './deviceCookie.ts';
import type { NemidContext } from './nemidContext.ts';
import { nemidPolicy } from './nemidPolicy.ts';

export const GLOBAL_COUNTER = 'g';
export const userCounterKey = (tag: string): string => `u:${tag}`;
export const addressCounterKey = (address: string): string => `a:${address}`;

export interface GuessGate {
  tag: string;
  /** The counter key of the trusted browser, when the attempt is trusted. */
  deviceKey?: string;
  userKey: string;
  addressKey: string;
  /** Set when the attempt is refused: the time it may be tried again. */
  blockedUntil?: number;
}

/** Decides at `now` whether this attempt for `userIdNorm` is trusted, and whether it may run. */
export async function guessGate(
  ctx: NemidContext,
  req: FastifyRequest,
  userIdNorm: string,
  now: number,
): Promise<GuessGate> {
  const tag = userTag(ctx.deps.secrets, userIdNorm);
  const nonce = deviceNonceFor(req, tag, now);
  const deviceKey = nonce ? deviceCounterKey(nonce) : undefined;
  const userKey = userCounterKey(tag);
  const addressKey = addressCounterKey(req.ip);
  const untrusted = [userKey, addressKey, GLOBAL_COUNTER];
  const counters = await new AttemptCounterStore(ctx.deps.db).get(
    deviceKey ? [deviceKey, ...untrusted] : untrusted,
  );
  const device = deviceKey ? counters.get(deviceKey) : undefined;
  if (deviceKey && !(device?.blockedUntil && device.blockedUntil > now)) {
    return { tag, deviceKey, userKey, addressKey };
  }
  let blockedUntil: number | undefined;
  for (const key of untrusted) {
    const until = counters.get(key)?.blockedUntil;
    if (until && until > now) blockedUntil = Math.max(blockedUntil ?? 0, until);
  }
  return { tag, userKey, addressKey, blockedUntil };
}

/**
 * Counts the attempt of a gate that let it through, before its password is compared: on the
 * trusted browser's counter, or on the user-ID's, the address's and the global one. Returns the
 * claims (to refund if the password is right), or the time to try again when a counter filled up
 * meanwhile (a concurrent attempt): then nothing stays counted and the password is not compared.
 */
export async function claimAttempt(
  ctx: NemidContext,
  gate: GuessGate,
  now: number,
): Promise<{ claims: AttemptClaim[] } | { refusedUntil: number }> {
  const counters = new AttemptCounterStore(ctx.deps.db);
  const p = nemidPolicy;
  const steps: [string, () => Promise<AttemptClaim | undefined>][] = gate.deviceKey
    ? [[gate.deviceKey, () => counters.countLock(gate.deviceKey ?? '', now, p.deviceAttemptsPerLock)]]
    : [
        [gate.userKey, () => counters.countLock(gate.userKey, now, p.attemptsPerLock)],
        [
          gate.addressKey,
          () => counters.countWindow(gate.addressKey, now, p.addressFailuresPerWindow, p.addressWindowMs),
        ],
        [
          GLOBAL_COUNTER,
          () => counters.countWindow(GLOBAL_COUNTER, now, p.globalFailuresPerWindow, p.globalWindowMs),
        ],
      ];
  const claims: AttemptClaim[] = [];
  for (const [key, claim] of steps) {
    const c = await claim();
    if (!c) {
      for (const done of claims) await counters.refund(done);
      return { refusedUntil: (await counters.blockedUntil([key], now)) ?? now };
    }
    claims.push(c);
  }
  return { claims };
}

/** The password was right: the attempt does not count. */
export async function refundAttempt(ctx: NemidContext, claims: readonly AttemptClaim[]): Promise<void> {
  const counters = new AttemptCounterStore(ctx.deps.db);
  for (const c of claims) await counters.refund(c);
}

/** Counts a wrong key code (after the fact: reaching the key code took the right password). */
export async function countFailure(ctx: NemidContext, gate: GuessGate, now: number): Promise<void> {
  await claimAttempt(ctx, gate, now);
}

/**
 * A completed login (password and key code), inside its transaction: the counter it was counted
 * on starts again (the browser's device counter, or the user-ID's when untrusted). The address
 * and global windows run on. The caller then trusts the browser (trustBrowser).
 */
export async function resetOnLogin(db: Kysely<MitidDb>, gate: GuessGate): Promise<void> {
  await new AttemptCounterStore(db).reset(gate.deviceKey ?? gate.userKey);
}

/** Trusts this browser for the gate's user-ID with a fresh device-cookie entry. */
export function trustThisBrowser(
  ctx: NemidContext,
  req: FastifyRequest,
  reply: FastifyReply,
  gate: GuessGate,
  now: number,
): void {
  trustBrowser(req, reply, { tag: gate.tag, random: ctx.deps.random, now, secure: ctx.secure });
}

const timeFormats = {
  da: new Intl.DateTimeFormat('da-DK', {
    timeZone: 'Europe/Copenhagen',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Copenhagen',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }),
};

/** "kl. 10.15"-style time (Copenhagen) of the first whole minute at or after `until`. */
export function retryTime(lang: Lang, until: number): string {
  return timeFormats[lang].format(Math.ceil(until / MINUTE) * MINUTE);
}
