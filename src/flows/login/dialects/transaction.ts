/**
 * What a login request asks the person to approve (decision 0013 §2), read the same way by both
 * dialects. Pure. Rules:
 * - `authorization_details` (a JSON array, or its string) holds exactly one `payment_initiation`
 *   element (transfer.ts); its text is rendered in the request's language (default da);
 * - Signaturgruppen's sign text (`signtext_base64` + `signtext_type=text`): beside the details it
 *   must be exactly the rendered text (after NFC); alone, it is the text (a person text, ≤130);
 *   `signtext_type` must be `text` (html and pdf are not offered), and neither comes alone;
 * - a request with a transaction is an approval (`approve`, or `sign` when asked) and at least
 *   substantial. That it came through PAR, and that it is always a new login, the provider checks.
 */
import type { Level } from '../../../core/authenticators/index.ts';
import { decodeReferenceText, optionalString, REFERENCE_TEXT_MAX, refuse } from './common.ts';
import type { LoginRequest, Transaction } from './Dialect.ts';
import { checkPaymentInitiation, PAYMENT_INITIATION, transferText } from './transfer.ts';

/** The NSIS level URIs (the transaction token's `loa`, whatever the dialect). */
const NSIS = 'https://data.gov.dk/concept/core/nsis/';
export const nsisLevel = (level: Level): string => `${NSIS}${level[0]?.toUpperCase()}${level.slice(1)}`;

function details(params: Readonly<Record<string, unknown>>): unknown[] | undefined {
  const raw = params.authorization_details;
  if (raw === undefined || raw === null || raw === '') return undefined;
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return refuse('authorization_details is not valid JSON');
    }
  }
  if (!Array.isArray(value)) return refuse('authorization_details must be a JSON array');
  return value;
}

/**
 * The transaction of a request, or null. `signtext`: the dialect reads Signaturgruppen's sign text.
 * Refuses (common.ts' `refuse`) with the first problem.
 */
export function parseTransaction(
  params: Readonly<Record<string, unknown>>,
  language: 'da' | 'en' | null,
  signtext: boolean,
): Transaction | null {
  const elements = details(params);
  let transaction: Transaction | null = null;
  if (elements !== undefined) {
    if (elements.length !== 1) refuse(`authorization_details must hold exactly one ${PAYMENT_INITIATION}`);
    const checked = checkPaymentInitiation(elements[0]);
    if (!checked.ok) return refuse(checked.description);
    const text = transferText(checked.value, language ?? 'da');
    if ([...text].length > REFERENCE_TEXT_MAX)
      refuse(`The transfer's text is longer than ${REFERENCE_TEXT_MAX} characters`);
    transaction = { text, type: 'text', details: checked.value };
  }
  if (!signtext) return transaction;
  const encoded = optionalString(params, 'signtext_base64');
  const type = optionalString(params, 'signtext_type');
  if (encoded === undefined && type === undefined) return transaction;
  if (encoded === undefined) return refuse('signtext_type needs signtext_base64');
  if (type === undefined) return refuse('signtext_base64 needs signtext_type=text');
  if (type !== 'text') refuse(`signtext_type ${type} is not offered: only text`);
  const text = decodeReferenceText(encoded, 'signtext_base64');
  if (transaction === null) return { text, type: 'text', details: null };
  if (text !== transaction.text) {
    refuse(`signtext_base64 must be the text of authorization_details: "${transaction.text}"`);
  }
  return transaction;
}

const RANK: Record<Level, number> = { low: 0, substantial: 1, high: 2 };

/** A request with a transaction: an approval (or signing, when asked), at substantial or above. */
export function withTransaction(request: LoginRequest): LoginRequest {
  if (!request.transaction) return request;
  return {
    ...request,
    action: request.action === 'sign' ? 'sign' : 'approve',
    level: RANK[request.level] < RANK.substantial ? 'substantial' : request.level,
  };
}
