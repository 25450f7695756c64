import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { t } from '../../i18n/catalogue.ts';
import { validUserId } from './userIdArbitraries.ts';
import { canonicalUserId, isValidUserId, normaliseUserId, userIdProblems } from './userIdRules.ts';

const ids = (input: string, cpr?: string): string[] => userIdProblems(input, { cpr }).map((p) => p.id);

test('every broken rule is reported, each with its own id, in a fixed order', () => {
  assert.deepEqual(ids(' 1é'), [
    'enrollment.userId.tooShort',
    'enrollment.userId.invalidCharacters',
    'enrollment.userId.leadingOrTrailingSpace',
  ]);
  assert.deepEqual(ids(`${'x'.repeat(40)}0101011234ß `, '0101011234'), [
    'enrollment.userId.tooLong',
    'enrollment.userId.invalidCharacters',
    'enrollment.userId.leadingOrTrailingSpace',
    'enrollment.userId.looksLikeCpr',
    'enrollment.userId.isOwnCpr',
  ]);
});

test('the guide: "J()nas Jen5en" is valid, "211788-0967" is not, with or without a dash', () => {
  assert.ok(isValidUserId('J()nas Jen5en'));
  assert.ok(isValidUserId('Jonas1983'));
  assert.deepEqual(ids('211788-0967'), ['enrollment.userId.looksLikeCpr']);
  assert.deepEqual(ids('2117880967'), ['enrollment.userId.looksLikeCpr']);
});

test('a DDMMYY-SSSS shape is refused even when it is no date', () => {
  assert.deepEqual(ids('999999-9999'), ['enrollment.userId.looksLikeCpr']);
  assert.deepEqual(ids('jonas 310299.1234'), ['enrollment.userId.looksLikeCpr']);
  // Shorter digit groups, or other separators, are not CPR-shaped.
  assert.deepEqual(ids('21178-0967'), []);
  assert.deepEqual(ids('211788-096'), []);
  assert.deepEqual(ids('211788+0967'), []);
  assert.deepEqual(ids('123456789'), []);
});

test('the own CPR number is refused however it is split up; another CPR-free ID is not', () => {
  const cpr = '0101901234';
  assert.deepEqual(ids('01 01 90 12 34', cpr), ['enrollment.userId.isOwnCpr']);
  assert.deepEqual(ids('me(0101)(901234)', cpr), ['enrollment.userId.isOwnCpr']);
  assert.deepEqual(ids('0101901234', cpr), ['enrollment.userId.looksLikeCpr', 'enrollment.userId.isOwnCpr']);
  assert.deepEqual(ids('01 01 90 12 35', cpr), []);
  // Without the CPR (as in the browser) only the shape rules apply.
  assert.deepEqual(ids('01 01 90 12 34'), []);
});

test('invalidCharacters names each offending character once, invisible ones by code point', () => {
  const [problem] = userIdProblems('jøns\u00A0€€\tß1');
  assert.ok(problem && 'params' in problem);
  assert.equal(problem.params.characters, 'U+00A0, “€”, U+0009, “ß”');
  assert.match(
    t('da', problem.id, problem.params),
    /^Bruger-ID må ikke indeholde U\+00A0, “€”, U\+0009, “ß”\. /,
  );
  const many = userIdProblems('ÀÁÂÃÄÇÈÉÊËÌÍ').find((p) => 'params' in p);
  assert.ok(many && 'params' in many);
  assert.equal(many.params.characters, '“À”, “Á”, “Â”, “Ã”, “Ä”, “Ç”, “È”, “É”, “Ê”, “Ë”, …');
});

test('NFC: å typed as a + combining ring is the letter å; é stays refused either way', () => {
  assert.ok(isValidUserId('ja\u030Anne'));
  assert.equal(canonicalUserId('ja\u030Anne'), 'jånne');
  assert.equal(normaliseUserId('JA\u030ANNE'), normaliseUserId('jånne'));
  assert.deepEqual(ids('je\u0301nne'), ['enrollment.userId.invalidCharacters']);
  assert.deepEqual(ids('jénne'), ['enrollment.userId.invalidCharacters']);
});

test('normalisation ignores case, æ ø å included, and is idempotent', () => {
  assert.equal(normaliseUserId('JØRGEN ÆBLE-Å'), 'jørgen æble-å');
  const flipCase = fc
    .tuple(validUserId, fc.array(fc.boolean(), { minLength: 48, maxLength: 48 }))
    .map(([s, flips]) => [...s].map((c, i) => (flips[i] ? c.toUpperCase() : c.toLowerCase())).join(''));
  fc.assert(
    fc.property(validUserId, flipCase, (s, other) => {
      assert.equal(normaliseUserId(s.toUpperCase()), normaliseUserId(s.toLowerCase()));
      assert.equal(normaliseUserId(normaliseUserId(s)), normaliseUserId(s));
      assert.ok(isValidUserId(other), 'changing case keeps a valid ID valid');
    }),
    { numRuns: 300 },
  );
});
