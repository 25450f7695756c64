import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSealer } from './sealed.ts';

test('a sealed state opens only with the same key and binding', () => {
  const sealer = createSealer('secret-one-0123456789012345678901');
  const sealed = sealer.seal('server login state', 'tx1\ndev1');
  assert.ok(!sealed.includes('server'));
  assert.equal(sealer.open(sealed, 'tx1\ndev1'), 'server login state');
  assert.equal(sealer.open(sealed, 'tx2\ndev1'), undefined);
  assert.equal(createSealer('secret-two-0123456789012345678901').open(sealed, 'tx1\ndev1'), undefined);
  const tampered = Buffer.from(sealed, 'base64url');
  tampered[14] = (tampered[14] ?? 0) ^ 1;
  assert.equal(sealer.open(tampered.toString('base64url'), 'tx1\ndev1'), undefined);
  assert.equal(sealer.open('x', 'tx1\ndev1'), undefined);
});
