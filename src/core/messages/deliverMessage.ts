/**
 * One delivery attempt of one claimed message, by its channel's transport:
 *   SMS, Digital Post   no gateway in this project: the outbox is where they end ("kept")
 *   e-mail              SMTP when MESSAGE_TRANSPORT=smtp ("sent"), else the outbox ("kept")
 * An SMTP refusal with a 5xx reply is final ("failed"); anything else (a 4xx reply, no answer,
 * a timeout) is worth another try later. Only codes are reported: the server's text may quote
 * the message.
 */
import type { Mailer } from './createSmtpMailer.ts';
import type { StoredMessage } from './Message.ts';

/** What went wrong: nodemailer's error code and the SMTP reply code, never their text. */
export interface DeliveryError {
  smtpError: string;
  responseCode?: number;
}

export type DeliveryOutcome =
  | { done: 'kept' | 'sent' }
  | { done: 'failed'; error: DeliveryError }
  | { retry: true; error: DeliveryError };

export async function deliverMessage(
  message: StoredMessage,
  mailer: Mailer | undefined,
): Promise<DeliveryOutcome> {
  if (message.channel !== 'email' || !mailer) return { done: 'kept' };
  try {
    await mailer.send({ to: message.recipient, subject: message.subject, text: message.body });
    return { done: 'sent' };
  } catch (err) {
    const e = err as { code?: unknown; responseCode?: unknown };
    const reply = typeof e?.responseCode === 'number' ? e.responseCode : undefined;
    const error: DeliveryError = {
      smtpError: typeof e?.code === 'string' ? e.code : 'ERROR',
      ...(reply === undefined ? {} : { responseCode: reply }),
    };
    return reply !== undefined && reply >= 500 ? { done: 'failed', error } : { retry: true, error };
  }
}
