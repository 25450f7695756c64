/**
 * The delivery worker of the transactional outbox, one per service process (started by the
 * composition root, src/roots/mitid/app.ts, and stopped when the app closes). A pass:
 *   claim due queued rows        (MessageStore.claimDue: a lease of LEASE_MS, one winner per row
 *                                  across nodes, the attempt counted at the claim)
 *   deliver each                  (deliverMessage: kept / sent / failed, or retry)
 *   settle it with the claim      (or due again after a backoff: 30 s × 4^(attempt−1), so 30 s,
 *                                  2 min, 8 min, 32 min; failed after MAX_ATTEMPTS)
 * Passes run when a commit in this process nudges the worker (deliverySignal.ts), at start
 * (rows queued before a restart or by another process), and every POLL_MS (other nodes' rows,
 * retries that came due, leases of crashed workers that ran out). Delivery is at least once: a
 * crash between the SMTP server's "OK" and the settle sends the e-mail again after the lease.
 * Times written to the database come from the injected clock; only the poll timer is real.
 * Nothing here logs a body, a subject or a recipient.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { type BaseLogger, pino } from 'pino';
import type { Clock } from '../../platform/clock.ts';
import { loggerOptions } from '../../platform/http/logging.ts';
import type { MitidDb } from '../db/index.ts';
import type { Mailer } from './createSmtpMailer.ts';
import { type DeliveryError, deliverMessage } from './deliverMessage.ts';
import { attachWorker, detachWorker } from './deliverySignal.ts';
import type { MessageStatus } from './Message.ts';
import { type ClaimedMessage, MessageStore } from './MessageStore.ts';

export const LEASE_MS = 2 * 60_000;
export const POLL_MS = 5_000;
export const MAX_ATTEMPTS = 5;
export const BATCH = 20;

/** The wait after a failed attempt (1-based): 30 s, 2 min, 8 min, 32 min. */
export const backoffMs = (attempt: number): number => 30_000 * 4 ** (attempt - 1);

/**
 * A claim token only has to be unique among workers; it is no secret and decides nothing, so it
 * is not taken from the injected Random (whose sequence tests use for message ids).
 */
const newClaim = (): string => randomUUID();

const errorText = (e: DeliveryError): string =>
  e.responseCode === undefined ? e.smtpError : `${e.smtpError} ${e.responseCode}`;

export interface DeliveryWorkerDeps {
  db: Kysely<MitidDb>;
  clock: Clock;
  logLevel: string;
  /** The SMTP mailer when MESSAGE_TRANSPORT=smtp; none: e-mail stays in the outbox. */
  mailer: Mailer | undefined;
  logger?: Pick<BaseLogger, 'warn' | 'error'>;
  /** Poll interval (tests shorten or lengthen it). */
  pollMs?: number;
}

export interface DeliveryWorker {
  /** Attaches to the database's nudge and runs a first pass at once. */
  start(): void;
  /** Stops polling and waits for a running pass to end. */
  stop(): Promise<void>;
  /** Asks for a pass now (or right after the running one). */
  nudge(): void;
  /** Resolves when no pass is running or asked for. */
  settled(): Promise<void>;
  /** Claims and delivers one message now, whether due or not (Notifier.send). Its status after. */
  deliverNow(id: string): Promise<MessageStatus | undefined>;
}

export function createDeliveryWorker(deps: DeliveryWorkerDeps): DeliveryWorker {
  const store = new MessageStore(deps.db);
  const logger = deps.logger ?? pino(loggerOptions(deps.logLevel, 'messages'));
  const now = (): number => deps.clock.now().getTime();
  let running: Promise<void> | undefined;
  let again = false;
  let started = false;
  let timer: NodeJS.Timeout | undefined;

  async function attempt(m: ClaimedMessage, claim: string): Promise<MessageStatus> {
    const outcome = await deliverMessage(m, deps.mailer);
    const at = now();
    if ('retry' in outcome) {
      const error = errorText(outcome.error);
      if (m.attempts >= MAX_ATTEMPTS) {
        warn(m, outcome.error, 'e-mail not delivered after the last attempt; it is kept in the outbox');
        await store.settle(m.id, claim, 'failed', at, error);
        return 'failed';
      }
      warn(m, outcome.error, 'e-mail not delivered; it will be tried again');
      await store.retryAt(m.id, claim, at + backoffMs(m.attempts), error);
      return 'queued';
    }
    if (outcome.done === 'failed') {
      warn(m, outcome.error, 'e-mail not delivered; it is kept in the outbox');
      await store.settle(m.id, claim, 'failed', at, errorText(outcome.error));
      return 'failed';
    }
    await store.settle(m.id, claim, outcome.done, at);
    return outcome.done;
  }

  function warn(m: ClaimedMessage, error: DeliveryError, text: string): void {
    logger.warn({ messageId: m.id, channel: m.channel, attempt: m.attempts, ...error }, text);
  }

  async function pass(): Promise<void> {
    for (;;) {
      const claim = newClaim();
      const claimed = await store.claimDue(now(), LEASE_MS, claim, BATCH);
      for (const m of claimed) await attempt(m, claim);
      // Until a claim wins nothing: what is left is not due, or another worker's.
      if (claimed.length === 0) return;
    }
  }

  function run(): void {
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await pass();
        } catch (err) {
          // The database is away or closing: the rows stay queued for the next pass.
          logger.error({ err: (err as Error).name }, 'message delivery pass failed');
        }
      } while (again && started);
    })().finally(() => {
      running = undefined;
    });
  }

  function schedule(): void {
    timer = setTimeout(() => {
      run();
      schedule();
    }, deps.pollMs ?? POLL_MS);
    timer.unref();
  }

  const worker: DeliveryWorker = {
    start() {
      if (started) return;
      started = true;
      attachWorker(deps.db, worker);
      run();
      schedule();
    },
    async stop() {
      started = false;
      if (timer) clearTimeout(timer);
      detachWorker(deps.db, worker);
      await running;
    },
    nudge() {
      if (started) run();
    },
    async settled() {
      while (running) await running;
    },
    async deliverNow(id) {
      const claim = newClaim();
      const m = await store.claim(id, now(), LEASE_MS, claim);
      if (!m) return (await store.deliveryOf(id))?.status;
      return attempt(m, claim);
    },
  };
  return worker;
}
