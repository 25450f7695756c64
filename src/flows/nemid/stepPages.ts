/** Renders the page of a login step (used by the GET page and by the POST steps). */

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Client } from '../../core/clients/index.ts';
import type { MessageId } from '../../i18n/catalogue.ts';
import type { FieldError } from '../../platform/html/components.ts';
import { cardNumberOf } from './keyCodeStore.ts';
import type { NemidLogin } from './loginStore.ts';
import { clientRedirect, loginPath, type NemidContext } from './nemidContext.ts';
import { flowEndPage } from './views/flowEndPage.ts';
import { keycodePage } from './views/keycodePage.ts';
import { passwordPage } from './views/passwordPage.ts';

export interface StepView {
  login: NemidLogin;
  client: Client;
  errors?: FieldError[];
  userId?: string;
  status?: number;
}

export function showPasswordStep(req: FastifyRequest, reply: FastifyReply, v: StepView): FastifyReply {
  const t = req.t;
  return reply.page(
    t('nemid.pageTitle'),
    passwordPage({
      t,
      action: loginPath(v.login.id),
      csrf: reply.generateCsrf(),
      clientName: v.client.name,
      errors: v.errors ?? [],
      userId: v.userId ?? '',
    }),
    { status: v.status ?? 200 },
  );
}

export async function showKeycodeStep(
  ctx: NemidContext,
  req: FastifyRequest,
  reply: FastifyReply,
  v: StepView,
): Promise<FastifyReply> {
  const t = req.t;
  const cardNumber = v.login.cardId ? await cardNumberOf(ctx.deps.db, v.login.cardId) : undefined;
  return reply.page(
    t('nemid.pageTitle'),
    keycodePage({
      t,
      action: loginPath(v.login.id),
      csrf: reply.generateCsrf(),
      clientName: v.client.name,
      cardNumber: cardNumber ?? '',
      keyNo: v.login.keyNo ?? '',
      errors: v.errors ?? [],
    }),
    { status: v.status ?? 200 },
  );
}

export function showFlowEnd(
  req: FastifyRequest,
  reply: FastifyReply,
  v: StepView & { kind: 'failed' | 'done'; message: MessageId },
): FastifyReply {
  const t = req.t;
  const backHref =
    v.kind === 'failed' ? clientRedirect(v.login, { error: 'access_denied' }) : (v.client.homeUrl ?? '/');
  return reply.page(
    v.kind === 'failed' ? t('nemid.failed.title') : t('nemid.done.title'),
    flowEndPage({ t, kind: v.kind, message: v.message, clientName: v.client.name, backHref }),
    { status: v.status ?? 200 },
  );
}
