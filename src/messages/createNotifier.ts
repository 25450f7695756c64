/**
 * One notifier for SMS, e-mail and Digital Post. Sending a message is:
 *   validate and normalise      (validateMessage: a bad message throws MessageError, nothing stored)
 *   keep it in the outbox        (MessageStore.add: every message, on every transport)
 *   deliver an e-mail by SMTP    (only with MESSAGE_TRANSPORT=smtp; status sent or failed)
 *
 * SMS and Digital Post have no real gateway in this project: they stay in the outbox with status
 * "kept", whatever the transport, and are read on /dev/beskeder or through MessageStore.latestTo.
 * Bodies carry one-time codes, so nothing here ever logs a body, a subject or a recipient.
 */
import type { Kysely } from 'kysely';
import { type BaseLogger, pino } from 'pino';
import type { Config } from '../config/config.ts';
import type { MitidDb } from '../mitid/db/schema.ts';
import type { Clock } from '../platform/clock.ts';
import { loggerOptions } from '../platform/http/logging.ts';
import type { Random } from '../platform/random.ts';
import { createSmtpMailer, type Mailer } from './createSmtpMailer.ts';
import type { MessageStatus, OutgoingMessage, StoredMessage } from './Message.ts';
import { MessageStore } from './MessageStore.ts';
import { validateMessage } from './validateMessage.ts';

export interface NotifierDeps {
  db: Kysely<MitidDb>;
  clock: Clock;
  random: Random;
  config: Pick<Config, 'messageTransport' | 'smtpUrl' | 'mailFrom' | 'logLevel'>;
  /** Where a refused e-mail is reported (pass app.log). A logger of its own if left out. */
  logger?: Pick<BaseLogger, 'warn'>;
  /** Replaces the SMTP mailer that MESSAGE_TRANSPORT=smtp creates (tests). */
  mailer?: Mailer;
}

export interface SendResult {
  id: string;
  status: MessageStatus;
}

export interface Notifier {
  /** Throws MessageError for a bad message; resolves even when SMTP refuses (status "failed"). */
  send(message: OutgoingMessage): Promise<SendResult>;
  /** The outbox itself, to read what was sent. */
  readonly store: MessageStore;
}

export function createNotifier(deps: NotifierDeps): Notifier {
  const store = new MessageStore(deps.db);
  const mailer = emailMailer(deps);
  const logger = deps.logger ?? pino(loggerOptions(deps.config.logLevel, 'messages'));

  async function deliver(message: StoredMessage, via: Mailer): Promise<MessageStatus> {
    try {
      await via.send({ to: message.recipient, subject: message.subject, text: message.body });
      return 'sent';
    } catch (err) {
      // Only codes: the server's reply text may quote the message.
      const e = err as { code?: unknown; responseCode?: unknown };
      logger.warn(
        {
          messageId: message.id,
          channel: message.channel,
          smtpError: e?.code,
          responseCode: e?.responseCode,
        },
        'e-mail not delivered; it is kept in the outbox',
      );
      return 'failed';
    }
  }

  return {
    store,
    async send(input) {
      const valid = validateMessage(input);
      const message: StoredMessage = {
        id: deps.random.token(16),
        channel: valid.channel,
        recipient: valid.to,
        subject: valid.subject,
        body: valid.body,
        status: 'kept',
        createdAt: deps.clock.now(),
      };
      await store.add(message);
      if (message.channel !== 'email' || !mailer) return { id: message.id, status: 'kept' };

      const status = await deliver(message, mailer);
      await store.setStatus(message.id, status);
      return { id: message.id, status };
    },
  };
}

/** The mailer for e-mail, or none when messages only go to the outbox. */
function emailMailer(deps: NotifierDeps): Mailer | undefined {
  if (deps.config.messageTransport !== 'smtp') return undefined;
  if (deps.mailer) return deps.mailer;
  if (!deps.config.smtpUrl) throw new Error('MESSAGE_TRANSPORT=smtp needs SMTP_URL'); // loadConfig checks this too
  return createSmtpMailer(deps.config.smtpUrl, deps.config.mailFrom);
}
