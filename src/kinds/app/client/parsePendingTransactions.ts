/**
 * The answer of `GET /devices/:id/transactions`, read field by field: what the app shows (service,
 * action, text exactly as sent) and what it signs (digest, challenge). A malformed entry makes the
 * whole answer `unexpected_response`: showing part of a list could hide the one that matters.
 */
import type { Json } from './AppApi.ts';
import { type AppResult, clientError, ok } from './appErrors.ts';
import { epochMs } from './epochMs.ts';

export const transactionActions = ['login', 'approve', 'confirm', 'accept', 'sign'] as const;
export type TransactionAction = (typeof transactionActions)[number];

export interface PendingTransaction {
  id: string;
  serviceName: string;
  action: TransactionAction;
  text: string;
  level: string;
  /** Epoch ms. */
  createdAt: number;
  requiresPin: boolean;
  digest: string;
  challenge: string;
  expiresAt: number | undefined;
  /** A CIBA request: the service asked without a browser (the app offers reject and report). */
  decoupled: boolean;
}

export function parsePendingTransactions(json: Json): AppResult<PendingTransaction[]> {
  if (!Array.isArray(json.transactions))
    return clientError('unexpected_response', 'No list of transactions.');
  const out: PendingTransaction[] = [];
  for (const t of json.transactions as unknown[]) {
    const r = (typeof t === 'object' && t !== null ? t : {}) as Record<string, unknown>;
    const str = (k: string): string | undefined => (typeof r[k] === 'string' ? (r[k] as string) : undefined);
    const [id, serviceName, action, text, level, digest, challenge] = [
      'id',
      'serviceName',
      'action',
      'text',
      'level',
      'digest',
      'challenge',
    ].map(str);
    if (
      !id ||
      !serviceName ||
      !transactionActions.includes(action as TransactionAction) ||
      text === undefined ||
      !level ||
      typeof r.createdAt !== 'number' ||
      !digest ||
      !challenge ||
      typeof r.requiresPin !== 'boolean'
    ) {
      return clientError('unexpected_response', 'A transaction in the list is malformed.');
    }
    out.push({
      id,
      serviceName,
      action: action as TransactionAction,
      text,
      level,
      createdAt: r.createdAt,
      requiresPin: r.requiresPin,
      digest,
      challenge,
      expiresAt: epochMs(r.expiresAt),
      decoupled: r.decoupled === true,
    });
  }
  return ok(out);
}
