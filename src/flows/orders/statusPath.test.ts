import assert from 'node:assert/strict';
import { test } from 'node:test';
import { finalStatus, hasSerialAt, statusPath } from './statusPath.ts';

test('the two tracking paths', () => {
  assert.deepEqual(statusPath('post'), ['ordered', 'packed', 'shipped', 'delivered']);
  assert.deepEqual(statusPath('pickup'), ['ordered', 'ready_for_pickup', 'collected']);
  assert.equal(finalStatus('post'), 'delivered');
  assert.equal(finalStatus('pickup'), 'collected');
});

test('a serial number from shipped / ready_for_pickup on', () => {
  assert.deepEqual(
    statusPath('post').map((s) => hasSerialAt('post', s)),
    [false, false, true, true],
  );
  assert.deepEqual(
    statusPath('pickup').map((s) => hasSerialAt('pickup', s)),
    [false, true, true],
  );
});
