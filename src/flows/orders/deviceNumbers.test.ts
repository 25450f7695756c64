import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cryptoRandom } from '../../platform/random.ts';
import { newTrackingNumber, s10CheckDigit } from './deviceNumbers.ts';

test('tracking numbers have the S10 form with a correct check digit', () => {
  assert.equal(s10CheckDigit('47312482'), 9); // the UPU example RR473124829GB
  for (let i = 0; i < 200; i++) {
    const n = newTrackingNumber(cryptoRandom);
    assert.match(n, /^RR\d{9}DK$/);
    assert.equal(Number(n[10]), s10CheckDigit(n.slice(2, 10)));
  }
});
