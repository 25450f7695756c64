/**
 * The messages part of the MitID service: the development outbox.
 *   GET /dev/beskeder                  pick a recipient; the recipients that have messages
 *   GET /dev/beskeder?til=<recipient>  that recipient's messages, newest first
 *   GET /dev/beskeder.json[?til=…]     the same as JSON, for tests and scripts
 * The pages show one-time codes, so they exist only when DEV_PAGES is on; otherwise the paths
 * are never registered and answer 404 ERR_NOT_FOUND like any unknown path.
 * Other parts send messages with createNotifier (./createNotifier.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceDeps } from '../../config/deps.ts';
import type { MitidDb } from '../db/index.ts';
import { MessageStore } from './MessageStore.ts';
import { messagePublicJSON, recipientPublicJSON } from './messagePublicJSON.ts';
import { messagesPage, OUTBOX_PATH, recipientsPage } from './outboxPages.ts';
import { recognizeRecipient } from './parseRecipient.ts';

const PAGE_SIZE = 100;

export function registerMessages(
  app: FastifyInstance,
  deps: Pick<ServiceDeps<MitidDb>, 'config' | 'db'>,
): void {
  if (!deps.config.devPages) return;
  const store = new MessageStore(deps.db);
  app.get(OUTBOX_PATH, (req, reply) => outboxPage(store, req, reply));
  app.get(`${OUTBOX_PATH}.json`, (req, reply) => outboxJSON(store, req, reply));
}

type Lookup =
  | { kind: 'none' }
  | { kind: 'invalid'; value: string; missing: boolean }
  | { kind: 'recipient'; recipient: string };

/** Reads ?til=: absent, unusable, or a recognised recipient. */
function lookup(req: FastifyRequest): Lookup {
  const raw = (req.query as Record<string, unknown> | undefined)?.til;
  if (raw === undefined) return { kind: 'none' };
  const value = typeof raw === 'string' ? raw.slice(0, 300) : '';
  const found = recognizeRecipient(value);
  if (!found) return { kind: 'invalid', value, missing: value.trim() === '' };
  return { kind: 'recipient', recipient: found.recipient };
}

function devHeaders(reply: FastifyReply): FastifyReply {
  return reply.header('x-robots-tag', 'noindex, nofollow').header('cache-control', 'no-store');
}

async function outboxPage(
  store: MessageStore,
  req: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const { t, lang } = req;
  const asked = lookup(req);
  devHeaders(reply);
  if (asked.kind === 'recipient') {
    const page = messagesPage(
      t,
      lang,
      asked.recipient,
      await store.listByRecipient(asked.recipient, { limit: PAGE_SIZE }),
    );
    return reply.page(page.title, page.body);
  }
  const recipients = await store.recipients({ limit: PAGE_SIZE });
  const page =
    asked.kind === 'invalid'
      ? recipientsPage(t, lang, {
          value: asked.value,
          error: t(asked.missing ? 'messages.outbox.recipientMissing' : 'messages.outbox.recipientInvalid'),
          recipients,
        })
      : recipientsPage(t, lang, { value: '', recipients });
  return reply.page(page.title, page.body);
}

async function outboxJSON(
  store: MessageStore,
  req: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const asked = lookup(req);
  devHeaders(reply);
  if (asked.kind === 'invalid') {
    // Answer in JSON whatever the Accept header says: this path is JSON only.
    return reply
      .code(400)
      .send({ error: 'ERR_BAD_REQUEST', message: req.t('error.ERR_BAD_REQUEST'), reference: req.id });
  }
  if (asked.kind === 'none') {
    return reply.send({
      recipients: (await store.recipients({ limit: PAGE_SIZE })).map(recipientPublicJSON),
    });
  }
  const messages = await store.listByRecipient(asked.recipient, { limit: PAGE_SIZE });
  return reply.send({ recipient: asked.recipient, messages: messages.map(messagePublicJSON) });
}
