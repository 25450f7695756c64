/**
 * The server's password rules (passwordRules.ts) and the browser's copy (static/passwordRules.js)
 * give the same answer for any text and user-ID: live feedback that disagrees with the server
 * would tell the person a wrong thing. The texts are drawn to hit every rule often.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { passwordProblems } from './passwordRules.ts';
import * as browser from './static/passwordRules.js';

const pieces = fc.constantFrom(
  'password',
  'ADGANGSKODE',
  'qwertyui',
  'iuytrewq',
  'zxcvbnm',
  '12345678',
  '0123456789',
  'karen',
  'Karen1961',
  'å',
  'a\u030a',
  '😀',
  'ſ',
  'K',
  '\u212a',
  ' ',
  '!',
  '7',
  'x',
);
const text = fc.oneof(
  fc.array(pieces, { maxLength: 12 }).map((p) => p.join('')),
  fc.string({ unit: 'grapheme', maxLength: 70 }),
  fc.string({ maxLength: 70 }),
);
const userId = fc.oneof(
  fc.constantFrom('Karen1961', 'karen', '', 'ø', 'J()nas Jen5en'),
  fc.string({ maxLength: 10 }),
);

test('server and browser agree on any password and user-ID', () => {
  fc.assert(
    fc.property(text, userId, (pw, id) =>
      assert.deepEqual(browser.passwordProblems(pw, id), passwordProblems(pw, id)),
    ),
    { numRuns: 5000 },
  );
});

test('the same bounds', () => {
  assert.equal(browser.PASSWORD_MIN_LENGTH, 8);
  assert.equal(browser.PASSWORD_MAX_LENGTH, 64);
});
