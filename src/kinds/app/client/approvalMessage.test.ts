import assert from 'node:assert/strict';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { test } from 'node:test';
import { approvalMessage, NO_PIN, pinProof, signApproval } from './approvalMessage.ts';
import { generateDeviceKey } from './deviceKey.ts';

const approval = {
  transactionId: 'tx1',
  digest: 'ZGlnZXN0',
  challenge: 'Y2hhbGxlbmdl',
  decision: 'approve' as const,
  pinProof: NO_PIN,
};

test('the approval string is the doc’s six lines', () => {
  assert.equal(approvalMessage(approval), 'mitid-approval-v1\ntx1\nZGlnZXN0\nY2hhbGxlbmdl\napprove\n-');
});

test('the PIN proof is SHA-256 of the session key’s bytes, in base64url', () => {
  const sessionKey = Buffer.from(
    'a 64-byte OPAQUE session key, here just some bytes for the test!!',
  ).toString('base64url');
  assert.equal(
    pinProof(sessionKey),
    createHash('sha256').update(Buffer.from(sessionKey, 'base64url')).digest('base64url'),
  );
});

test('a field with a line break or an empty field is refused, so no two approvals share a string', () => {
  assert.throws(() => approvalMessage({ ...approval, transactionId: 'tx1\napprove' }));
  assert.throws(() => approvalMessage({ ...approval, challenge: '' }));
});

test('the signature verifies for this decision only', () => {
  const key = generateDeviceKey();
  const signature = Buffer.from(signApproval(key, approval), 'base64url');
  const pub = createPublicKey({ key: { ...key.publicJwk }, format: 'jwk' });
  const ok = (s: string) =>
    verify('sha256', Buffer.from(s), { key: pub, dsaEncoding: 'ieee-p1363' }, signature);
  assert.equal(ok(approvalMessage(approval)), true);
  assert.equal(ok(approvalMessage({ ...approval, decision: 'reject' })), false);
});
