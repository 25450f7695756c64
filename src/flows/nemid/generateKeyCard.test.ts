import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { cryptoRandom, type Random } from '../../platform/random.ts';
import { generateKeyCard } from './generateKeyCard.ts';

test('48 codes: unique 4-digit key numbers, 6-digit codes, card number 123-456-789', () => {
  const card = generateKeyCard(cryptoRandom);
  assert.match(card.cardNumber, /^\d{3}-\d{3}-\d{3}$/);
  assert.equal(card.codes.length, 48);
  assert.equal(new Set(card.codes.map((c) => c.keyNo)).size, 48);
  for (const c of card.codes) {
    assert.match(c.keyNo, /^\d{4}$/);
    assert.match(c.code, /^\d{6}$/);
  }
  assert.deepEqual(
    card.codes.map((c) => c.keyNo),
    card.codes.map((c) => c.keyNo).sort(),
  );
});

test('key numbers stay unique whatever the random source repeats', () => {
  fc.assert(
    fc.property(fc.array(fc.stringMatching(/^\d{4}$/), { minLength: 1, maxLength: 30 }), (pool) => {
      let i = 0;
      // Draws from a pool full of repeats, then counts upwards so the generator can finish.
      const random: Random = {
        token: () => 'id',
        int: () => 0,
        digits: (n) => {
          if (n !== 4) return '1'.repeat(n);
          const d = pool[i] ?? String(i).padStart(4, '0');
          i++;
          return d;
        },
      };
      const card = generateKeyCard(random, 10);
      assert.equal(new Set(card.codes.map((c) => c.keyNo)).size, 10);
    }),
  );
});
