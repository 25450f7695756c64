import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { shownDigest } from './shownDigest.ts';

test('the digest is SHA-256 of the doc’s canonical JSON, keys sorted, UTF-8, no whitespace', () => {
  const fields = {
    text: 'Overfør 1.250,00 kr. til 9999 0087654321',
    serviceName: 'Min Bank',
    level: 'high',
    id: 'tx1',
    createdAt: 1795510800000,
    action: 'approve',
  };
  const canonical =
    '{"action":"approve","createdAt":1795510800000,"id":"tx1","level":"high","serviceName":"Min Bank","text":"Overfør 1.250,00 kr. til 9999 0087654321"}';
  assert.equal(
    shownDigest(fields),
    createHash('sha256').update(Buffer.from(canonical, 'utf8')).digest('base64url'),
  );
  assert.notEqual(
    shownDigest({ ...fields, text: 'Overfør 9.250,00 kr. til 9999 0087654321' }),
    shownDigest(fields),
  );
});
