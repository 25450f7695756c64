/**
 * The service's transaction API (until OIDC, the next issue, takes over):
 *   POST /api/transactions  Authorization: Basic <client:secret>
 *     { userId, serviceName, action, text, level? } → 201 { transactionId, expiresAt }
 *   GET  /api/transactions/:id → { transactionId, status, … } (only to the client that made it)
 * Rules:
 * - the client authenticates with HTTP Basic and holds `approvals.create` (src/core/clients),
 *   else invalid_client (the same answer for a wrong secret, a disabled client and a missing
 *   permission), and its per-client budget is not spent;
 * - action is login, approve, confirm, accept or sign; level substantial (default) or high;
 * - text (1-130 characters) and serviceName (1-100) are what the person reads: checkPersonText
 *   refuses control, format (bidi), private-use, unassigned and invisible characters and lone
 *   surrogates (400 invalid_request with field and problem); what passes is NFC-normalised and
 *   trimmed, counted after NFC, and stored, shown and digested in that form;
 * - an unknown user-ID, or one without an active MitID, gets the same answer: a transaction that
 *   no device ever sees and that expires (the API must not tell which user-IDs exist);
 * - status is pending, approved, rejected, cancelled (a block of the device or the MitID) or
 *   expired (5 minutes); an approved one adds what it proved: amr, aal, loa (issue 8, additive).
 * The transaction is an authentication of the core (src/core/authentications) for the app kind.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  ACTIONS,
  type Authentication,
  MAX_TEXT_LENGTH,
  requiresUserVerification,
} from '../../../../core/authentications/index.ts';
import type { Client } from '../../../../core/clients/index.ts';
import { perAddressMax } from '../../../../platform/http/perAddress.ts';
import { perClient } from '../../../../platform/http/perClient.ts';
import { refuse } from '../appErrors.ts';
import { bodyOf } from '../appJsonScope.ts';
import type { AppServerContext } from '../appServerContext.ts';
import { idParam, oneOf, personText, text } from '../fields.ts';

const levels = ['substantial', 'high'] as const;

/** The PIN or biometrics are needed for level high, and for every approval of a payment (core/authentications' one rule). */
export const requiresPin = requiresUserVerification;

/** app/v1's `method`, derived from the result's amr (kept for the clients of before issue 8). */
const methodOf = (tx: Authentication): 'pin' | 'biometrics' | 'none' | null =>
  tx.result === null
    ? null
    : tx.result.amr.includes('pin')
      ? 'pin'
      : tx.result.amr.includes('biometrics')
        ? 'biometrics'
        : 'none';

function transactionForService(tx: Authentication): Record<string, unknown> {
  return {
    transactionId: tx.id,
    status: tx.status,
    serviceName: tx.serviceName,
    action: tx.action,
    text: tx.text,
    level: tx.requestedLevel,
    createdAt: tx.createdAt,
    expiresAt: tx.expiresAt,
    decidedAt: tx.status === 'approved' || tx.status === 'rejected' ? tx.decidedAt : null,
    method: methodOf(tx),
    // Added in issue 8 (additive): what the approval proved.
    amr: tx.result?.amr ?? null,
    aal: tx.result?.aal ?? null,
    loa: tx.result?.loa ?? null,
  };
}

export function registerServiceTransactions(api: FastifyInstance, ctx: AppServerContext): void {
  // The client authenticates once, in the limit's preHandler; the routes read its result.
  const limit = perClient({
    db: ctx.deps.db,
    clock: ctx.deps.clock,
    scope: 'transactions-api',
    max: ctx.deps.config.rateLimitPerClient,
    authenticate: ctx.serviceClient,
    refuse: () => refuse('rate_limited'),
  });
  const opts = {
    config: { csrf: false, rateLimit: { max: perAddressMax('api'), timeWindow: 60_000 } },
    preHandler: limit.preHandler,
  };
  const client = (req: FastifyRequest): Client => {
    const c = limit.clientOf(req);
    if (!c) throw refuse('invalid_client');
    return c;
  };

  api.post('/api/transactions', opts, async (req, reply) => {
    const service = client(req);
    const body = bodyOf(req);
    const userId = text(body, 'userId', 64);
    const serviceName = personText(body, 'serviceName', 100);
    const action = oneOf(body, 'action', ACTIONS);
    const shown = personText(body, 'text', MAX_TEXT_LENGTH);
    const level = oneOf(body, 'level', levels, 'substantial');
    // One statement: the INSERT finds the active identity with this user-ID, or nobody.
    const tx = await ctx.authentications.create({
      // A UUID, as the login box's: never starting with "-", so `npm run app -- approve --tx <id>`
      // cannot take a pasted id for an option (a random base64url id does, one in 32 times).
      id: randomUUID(),
      who: { userId },
      clientId: service.id,
      serviceName,
      action,
      text: shown,
      requestedLevel: level,
      requiresUv: requiresPin(action, level),
      kinds: ['app'],
      channel: 'api',
      challenge: ctx.deps.random.token(32),
    });
    req.log.info({ transactionId: tx.id, client: service.id, action }, 'app transaction created');
    return reply
      .code(201)
      .header('cache-control', 'no-store')
      .send({ transactionId: tx.id, expiresAt: tx.expiresAt });
  });

  api.get('/api/transactions/:id', opts, async (req, reply) => {
    const service = client(req);
    const tx = await ctx.authentications.forClient(idParam(req.params, 'id'), service.id);
    if (!tx) throw refuse('not_found');
    return reply.header('cache-control', 'no-store').send(transactionForService(tx));
  });
}
