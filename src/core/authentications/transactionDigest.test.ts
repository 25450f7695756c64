import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { canonicalTransactionJson, transactionDigest } from './transactionDigest.ts';

const fields = {
  text: 'Overfør 1.250,00 kr. til 9999 0087654321',
  serviceName: 'Min Bank',
  level: 'high',
  id: 'tx1',
  createdAt: 1795510800000,
  action: 'approve',
};

test('the canonical JSON has sorted keys, no whitespace and æøå as themselves', () => {
  assert.equal(
    canonicalTransactionJson(fields),
    '{"action":"approve","createdAt":1795510800000,"id":"tx1","level":"high","serviceName":"Min Bank","text":"Overfør 1.250,00 kr. til 9999 0087654321"}',
  );
});

test('the digest is base64url(SHA-256) of its UTF-8 bytes, as a client computes it', () => {
  const expected = createHash('sha256')
    .update(Buffer.from(canonicalTransactionJson(fields), 'utf8'))
    .digest('base64url');
  assert.equal(transactionDigest(fields), expected);
  assert.notEqual(transactionDigest({ ...fields, text: `${fields.text}0` }), expected);
});
