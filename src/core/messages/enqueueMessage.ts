/**
 * The outbox's one way in: validate the message, then write it "queued" on the given database
 * handle, which should be the transaction of the change that causes the message. The message
 * then exists exactly when the change does: a rollback (or a crash before commit) takes it
 * away, a commit keeps it for the delivery worker, which delivers it after the commit, also
 * after a restart. A bad message throws MessageError and writes nothing.
 *
 * Callers wake the worker after their commit (wakeDelivery, or Notifier.transaction does it).
 */
import type { Kysely } from 'kysely';
import type { MitidDb } from '../db/index.ts';
import type { OutgoingMessage, StoredMessage } from './Message.ts';
import { MessageStore } from './MessageStore.ts';
import { validateMessage } from './validateMessage.ts';

export async function enqueueMessage(
  trx: Kysely<MitidDb>,
  input: OutgoingMessage,
  meta: { id: string; now: Date },
): Promise<StoredMessage> {
  const valid = validateMessage(input);
  const message: StoredMessage = {
    id: meta.id,
    channel: valid.channel,
    recipient: valid.to,
    subject: valid.subject,
    body: valid.body,
    status: 'queued',
    createdAt: meta.now,
  };
  await new MessageStore(trx).add(message);
  return message;
}
