/** What the notifier sends and what the outbox keeps. */

export const channels = ['sms', 'email', 'digitalpost'] as const;
export type Channel = (typeof channels)[number];

/**
 * queued: written in its transaction, waiting for the delivery worker; kept: only in the outbox
 * (SMS and Digital Post, or e-mail without SMTP); sent: handed to SMTP as well; failed: the SMTP
 * server refused it, or every attempt failed.
 */
export type MessageStatus = 'queued' | 'kept' | 'sent' | 'failed';

/** A message as a caller hands it to the notifier. */
export interface OutgoingMessage {
  channel: Channel;
  /** sms: +45 and 8 digits; email: an address; digitalpost: the person's CPR number. */
  to: string;
  subject: string;
  body: string;
}

/** A message in the outbox. The body may hold a one-time code: never log it. */
export interface StoredMessage {
  id: string;
  channel: Channel;
  /** Normalised: +4512345678, an address with a lower-case domain, or 10 CPR digits. */
  recipient: string;
  subject: string;
  body: string;
  status: MessageStatus;
  createdAt: Date;
}

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (channels as readonly string[]).includes(value);
}
