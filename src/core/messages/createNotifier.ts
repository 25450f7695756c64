/**
 * One notifier for SMS, e-mail and Digital Post, over the transactional outbox. A message is:
 *   validated and normalised   (validateMessage: a bad message throws MessageError, nothing stored)
 *   written "queued"           (enqueue: in the caller's transaction, with the change causing it)
 *   delivered after commit     (the service's delivery worker, createDeliveryWorker.ts: SMTP for
 *                               e-mail with MESSAGE_TRANSPORT=smtp, retried with backoff)
 *
 * SMS and Digital Post have no real gateway in this project: the worker marks them "kept", whatever
 * the transport, and they are read on /dev/beskeder or through MessageStore.latestTo (a queued
 * row is there too, the moment it is committed). Bodies carry one-time codes, so nothing here
 * ever logs a body, a subject or a recipient.
 */
import type { Kysely, Transaction } from 'kysely';
import type { BaseLogger } from 'pino';
import type { Config } from '../../config/config.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Random } from '../../platform/random.ts';
import type { MitidDb } from '../db/index.ts';
import { createDeliveryWorker, type DeliveryWorker } from './createDeliveryWorker.ts';
import { createSmtpMailer, type Mailer } from './createSmtpMailer.ts';
import { wakeDelivery } from './deliverySignal.ts';
import { enqueueMessage } from './enqueueMessage.ts';
import type { MessageStatus, OutgoingMessage } from './Message.ts';
import { MessageStore } from './MessageStore.ts';

export interface NotifierDeps {
  db: Kysely<MitidDb>;
  clock: Clock;
  random: Random;
  config: Pick<Config, 'messageTransport' | 'smtpUrl' | 'mailFrom' | 'logLevel'>;
  /** Where delivery problems are reported (pass app.log). A logger of its own if left out. */
  logger?: Pick<BaseLogger, 'warn' | 'error'>;
  /** Replaces the SMTP mailer that MESSAGE_TRANSPORT=smtp creates (tests). */
  mailer?: Mailer;
  /** The delivery worker's poll interval (tests). */
  pollMs?: number;
}

export interface SendResult {
  id: string;
  status: MessageStatus;
}

export interface Notifier {
  /**
   * Writes the message "queued" on `trx`, the transaction of the change that causes it. Throws
   * MessageError for a bad message (then roll the transaction back). Wake delivery after the
   * commit (Notifier.transaction does).
   */
  enqueue(trx: Kysely<MitidDb>, message: OutgoingMessage): Promise<{ id: string }>;
  /** Runs `work` in one transaction and, after its commit, wakes this service's delivery. */
  transaction<T>(work: (trx: Transaction<MitidDb>) => Promise<T>): Promise<T>;
  /**
   * A message caused by no change of state: queued in its own transaction and delivered at once.
   * Resolves with its status (queued if it will be tried again); throws MessageError.
   */
  send(message: OutgoingMessage): Promise<SendResult>;
  /** The outbox itself, to read what was sent. */
  readonly store: MessageStore;
  /** A delivery worker on this notifier's database and transport; the composition root starts one. */
  readonly delivery: DeliveryWorker;
}

export function createNotifier(deps: NotifierDeps): Notifier {
  const store = new MessageStore(deps.db);
  const delivery = createDeliveryWorker({
    db: deps.db,
    clock: deps.clock,
    logLevel: deps.config.logLevel,
    mailer: emailMailer(deps),
    ...(deps.logger ? { logger: deps.logger } : {}),
    ...(deps.pollMs ? { pollMs: deps.pollMs } : {}),
  });
  // Transactions that queued a message: only their commit wakes the delivery worker, so a change
  // that sent nothing (most approvals) costs the worker no pass.
  const queuedIn = new WeakSet<object>();
  const notifier: Notifier = {
    store,
    delivery,
    async enqueue(trx, message) {
      const m = await enqueueMessage(trx, message, { id: deps.random.token(16), now: deps.clock.now() });
      queuedIn.add(trx);
      return { id: m.id };
    },
    async transaction(work) {
      let used: object | undefined;
      const result = await deps.db.transaction().execute((trx) => {
        used = trx;
        return work(trx);
      });
      if (used && queuedIn.has(used)) wakeDelivery(deps.db);
      return result;
    },
    async send(message) {
      const { id } = await notifier.transaction((trx) => notifier.enqueue(trx, message));
      return { id, status: (await delivery.deliverNow(id)) ?? 'queued' };
    },
  };
  return notifier;
}

/** The mailer for e-mail, or none when messages only go to the outbox. */
function emailMailer(deps: NotifierDeps): Mailer | undefined {
  if (deps.config.messageTransport !== 'smtp') return undefined;
  if (deps.mailer) return deps.mailer;
  if (!deps.config.smtpUrl) throw new Error('MESSAGE_TRANSPORT=smtp needs SMTP_URL'); // loadConfig checks this too
  return createSmtpMailer(deps.config.smtpUrl, deps.config.mailFrom);
}
