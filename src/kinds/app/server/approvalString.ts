/**
 * The approval message a device signs (docs/protocols/app.md, "Transactions"): it binds the
 * decision to the transaction's id, its digest (what was shown), the single-use challenge and the
 * proof of the PIN (or biometrics) check.
 */
export type Decision = 'approve' | 'reject';

export function approvalString(
  transactionId: string,
  digest: string,
  challenge: string,
  decision: Decision,
  pinProof: string,
): string {
  return `mitid-approval-v1\n${transactionId}\n${digest}\n${challenge}\n${decision}\n${pinProof}`;
}
