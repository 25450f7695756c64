/**
 * Abuse cases: characters that look like allowed ones but are not. Each must be refused by name,
 * never silently folded into a letter, or two people could hold user-IDs that look the same.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normaliseUserId, userIdProblems } from './userIdRules.ts';

const characters = (input: string): string | undefined => {
  const p = userIdProblems(input).find((x) => x.id === 'enrollment.userId.invalidCharacters');
  return p && 'params' in p ? p.params.characters : undefined;
};

test('Unicode case-folding look-alikes are refused (no /i flag: /s/iu matches the long s)', () => {
  assert.equal(characters('ha\u017Fe'), '“\u017F”'); // LATIN SMALL LETTER LONG S
  assert.equal(characters('\u0131nger'), '“\u0131”'); // dotless i
  assert.equal(characters('\u0130nger'), '“\u0130”'); // capital I with dot
});

test('homoglyphs from other scripts and full-width forms are refused', () => {
  assert.equal(characters('j\u043Enas'), '“\u043E”'); // Cyrillic o
  assert.equal(characters('\uFF2Aonas'), '“\uFF2A”'); // full-width J
});

test('invisible and spacing characters are refused and named by code point', () => {
  assert.equal(characters('jo\u200Bnas'), 'U+200B');
  assert.equal(characters('jonas\u00A0jensen'), 'U+00A0');
  assert.equal(characters('jo\u202Enas'), 'U+202E'); // right-to-left override
  assert.equal(characters('jonas\njensen'), 'U+000A');
});

test('the Angstrom and Kelvin signs are canonically Å and K (NFC): the same user-ID, not a second one', () => {
  assert.deepEqual(userIdProblems('\u212Bse Hansen'), []);
  assert.equal(normaliseUserId('\u212Bse Hansen'), normaliseUserId('åse hansen'));
  assert.equal(normaliseUserId('\u212Aarin'), normaliseUserId('karin'));
});

test('full-width digits do not sneak a CPR number past the digit rules: they are refused', () => {
  const ids = userIdProblems('\uFF12\uFF11\uFF11\uFF17\uFF18\uFF18\uFF10\uFF19\uFF16\uFF17').map((p) => p.id);
  assert.deepEqual(ids, ['enrollment.userId.invalidCharacters']);
});
