import assert from 'node:assert/strict';
import { test } from 'node:test';
import { finalStatus, hasSerialAt, passesWarehouse, statusPath } from './statusPath.ts';

test('the two tracking paths', () => {
  assert.deepEqual(statusPath('post'), ['ordered', 'packed', 'shipped', 'delivered']);
  assert.deepEqual(statusPath('pickup'), ['ordered', 'ready_for_pickup', 'collected']);
  assert.equal(finalStatus('post'), 'delivered');
  assert.equal(finalStatus('pickup'), 'collected');
});

test('a serial number from shipped / ready_for_pickup on, never for a chip', () => {
  assert.deepEqual(
    statusPath('post').map((s) => hasSerialAt('codeDisplay', 'post', s)),
    [false, false, true, true],
  );
  assert.deepEqual(
    statusPath('pickup').map((s) => hasSerialAt('codeReader', 'pickup', s)),
    [false, true, true],
  );
  assert.deepEqual(
    statusPath('post').map((s) => hasSerialAt('chip', 'post', s)),
    [false, false, false, false],
  );
});

test('the warehouse is passed once: on the way to shipped / ready_for_pickup or skipping over it', () => {
  assert.equal(passesWarehouse('post', 'packed', 'shipped'), true);
  assert.equal(passesWarehouse('post', 'ordered', 'delivered'), true);
  assert.equal(passesWarehouse('post', 'ordered', 'packed'), false);
  assert.equal(passesWarehouse('post', 'shipped', 'delivered'), false);
  assert.equal(passesWarehouse('pickup', 'ordered', 'ready_for_pickup'), true);
  assert.equal(passesWarehouse('pickup', 'ready_for_pickup', 'collected'), false);
});
