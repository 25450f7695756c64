/**
 * The password rules (passwordRules.ts), as properties: each rule refuses what it names and only
 * that, anywhere in the text; the examples of the guide and of decision 0014 §2.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { passwordProblems } from './passwordRules.ts';

const runs = { numRuns: 300 };
/** Letters that make no keyboard run, no word and no user-ID "zz9": a safe filler. */
const filler = fc.string({
  unit: fc.constantFrom('m', 'Q', 'ø', '!', '7', 'k', 'e', ' ', 'T'),
  minLength: 0,
  maxLength: 20,
});
const has = (pw: string, id: string, userId = 'zz9'): boolean =>
  (passwordProblems(pw, userId) as string[]).includes(`password.rule.${id}`);

test('length: 1–7 code points too short, 8–64 fine, 65+ too long (code points after NFC, not UTF-16 units)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 90 }), fc.constantFrom('m', 'å', '😀', 'a\u030a'), (n, c) => {
      const pw = c.repeat(n);
      assert.equal(has(pw, 'tooShort'), n < 8);
      assert.equal(has(pw, 'tooLong'), n > 64);
    }),
    runs,
  );
  assert.deepEqual(passwordProblems('', 'zz9'), ['password.rule.missing']);
});

test('the user-ID anywhere, in any case, is refused', () => {
  fc.assert(
    fc.property(filler, filler, fc.boolean(), (a, b, upper) => {
      const id = 'Karen1961';
      const pw = `${a}${upper ? id.toUpperCase() : id.toLowerCase()}${b}`;
      assert.ok(has(pw, 'containsUserId', id));
    }),
    runs,
  );
  assert.ok(!has('Sommerhus-Tisvilde', 'containsUserId', 'Karen1961'));
});

test('10 digits in a row anywhere are refused, 9 are not', () => {
  const digits = (n: number) =>
    fc.string({ unit: fc.constantFrom('0', '2', '4', '6', '8', '1'), minLength: n, maxLength: n });
  fc.assert(
    fc.property(filler, digits(10), filler, (a, d, b) => assert.ok(has(`${a}x${d}x${b}`, 'tenDigits'))),
    runs,
  );
  assert.ok(!has('x240628146x', 'tenDigits'));
});

test('"password" / "adgangskode" alone or with digits and specials around is refused; inside a phrase it is not', () => {
  const around = fc.string({ unit: fc.constantFrom('1', '9', '!', '#', ' ', '-', '.'), maxLength: 6 });
  const word = fc.constantFrom('password', 'PassWord', 'ADGANGSKODE', 'Adgangskode');
  fc.assert(
    fc.property(around, word, around, (a, w, b) => assert.ok(has(`${a}${w}${b}`, 'commonWord'))),
    runs,
  );
  assert.ok(!has('mitpasswordhus', 'commonWord'));
  assert.ok(!has('Adgangskoden-er-lang', 'commonWord'));
});

test('8 keys of a row, either way, anywhere, are refused; the bottom row whole (7 keys) too', () => {
  const runsOf = [
    'qwertyui',
    'asdfghjk',
    '12345678',
    '87654321',
    'iuytrewq',
    'zxcvbnm',
    'MNBVCXZ',
    'fghjklæø',
  ];
  fc.assert(
    fc.property(filler, fc.constantFrom(...runsOf), filler, (a, r, b) =>
      assert.ok(has(`${a}${r}${b}`, 'keyboardRow')),
    ),
    runs,
  );
  assert.ok(!has('qwertyu!', 'keyboardRow'), '7 keys of a 11-key row are not a run');
  assert.ok(!has('1234567-', 'keyboardRow'));
});

test('a generated password of the filler, 8–64 long, breaks no rule', () => {
  const good = fc.string({
    unit: fc.constantFrom('m', 'Q', 'ø', '!', '7', 'k', 'e', 'T'),
    minLength: 8,
    maxLength: 64,
  });
  fc.assert(
    fc.property(good, (pw) => assert.deepEqual(passwordProblems(pw, 'zz9'), [])),
    runs,
  );
});

test('the guide and 0014: examples', () => {
  assert.deepEqual(passwordProblems('Sommer-i-Skagen-2026', 'Karen1961'), []);
  assert.deepEqual(passwordProblems('kort', 'Karen1961'), ['password.rule.tooShort']);
  assert.deepEqual(passwordProblems('xKAREN1961x', 'Karen1961'), ['password.rule.containsUserId']);
  assert.deepEqual(passwordProblems('Password123', 'Karen1961'), ['password.rule.commonWord']);
  assert.deepEqual(passwordProblems('qwertyuiop', 'Karen1961'), ['password.rule.keyboardRow']);
  assert.deepEqual(passwordProblems('0202612046', 'Karen1961'), ['password.rule.tenDigits']);
});
