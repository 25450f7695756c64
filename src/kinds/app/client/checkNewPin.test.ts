import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkNewPin } from './checkNewPin.ts';

test('six digits typed the same twice', () => {
  assert.deepEqual(checkNewPin('123456', '123456'), { ok: true, value: '123456' });
});

test('not six digits', () => {
  for (const pin of ['12345', '1234567', '12345a', ' 123456', '１２３４５６', '']) {
    const r = checkNewPin(pin, pin);
    assert.equal(r.ok ? 'ok' : r.error.code, 'pin_format', JSON.stringify(pin));
  }
});

test('typed differently the second time', () => {
  const r = checkNewPin('123456', '123465');
  assert.equal(r.ok ? 'ok' : r.error.code, 'pin_mismatch');
});
