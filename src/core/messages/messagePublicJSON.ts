/** Explicit serialisation of the outbox for the development JSON endpoint: listed fields only. */
import type { Channel, MessageStatus, StoredMessage } from './Message.ts';
import type { RecipientSummary } from './MessageStore.ts';

export interface MessageJSON {
  id: string;
  channel: Channel;
  recipient: string;
  subject: string;
  body: string;
  status: MessageStatus;
  /** ISO 8601, UTC. */
  createdAt: string;
}

export function messagePublicJSON(m: StoredMessage): MessageJSON {
  return {
    id: m.id,
    channel: m.channel,
    recipient: m.recipient,
    subject: m.subject,
    body: m.body,
    status: m.status,
    createdAt: m.createdAt.toISOString(),
  };
}

export interface RecipientJSON {
  recipient: string;
  channel: Channel;
  count: number;
  latestAt: string;
}

export function recipientPublicJSON(r: RecipientSummary): RecipientJSON {
  return { recipient: r.recipient, channel: r.channel, count: r.count, latestAt: r.latestAt.toISOString() };
}
