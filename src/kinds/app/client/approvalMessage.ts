/**
 * The signed approval (docs/protocols/app.md, "Transactions", step 3). Rules:
 * - the string signed is "mitid-approval-v1\n" id "\n" digest "\n" challenge "\n" decision "\n"
 *   pinProof, with id, digest and challenge exactly as the server listed them;
 * - pinProof binds the decision to this PIN check: base64url(SHA-256(session key)), hashing the
 *   session key's bytes (OPAQUE gives it as base64url, the wire form of a binary value); "-" when
 *   no PIN was checked;
 * - no field may contain a line break, or two different approvals could sign the same string.
 */
import { sha256Base64url } from './base64url.ts';
import { type DeviceKey, signP1363 } from './deviceKey.ts';

export type Decision = 'approve' | 'reject';

export interface Approval {
  transactionId: string;
  digest: string;
  challenge: string;
  decision: Decision;
  pinProof: string;
}

export const NO_PIN = '-';

export function approvalMessage(a: Approval): string {
  const fields = [a.transactionId, a.digest, a.challenge, a.decision, a.pinProof];
  if (fields.some((f) => f.length === 0 || /[\r\n]/.test(f))) {
    throw new Error('approval fields must be non-empty single lines');
  }
  return ['mitid-approval-v1', ...fields].join('\n');
}

export function pinProof(sessionKey: string): string {
  return sha256Base64url(Buffer.from(sessionKey, 'base64url'));
}

export function signApproval(key: DeviceKey, a: Approval): string {
  return signP1363(key, approvalMessage(a));
}
