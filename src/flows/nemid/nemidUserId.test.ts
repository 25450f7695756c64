import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isNemidUserIdShape, normaliseUserId, validateNemidUserId } from './nemidUserId.ts';

const cpr = '0202612046';

test('aliases: 6–20 letters, digits and . _ - with a letter; case kept, matched lower-cased', () => {
  assert.deepEqual(validateNemidUserId(' Jonas1983 ', cpr), {
    ok: true,
    userId: 'Jonas1983',
    norm: 'jonas1983',
  });
  assert.deepEqual(validateNemidUserId('Søren.Ø_å-1', cpr), {
    ok: true,
    userId: 'Søren.Ø_å-1',
    norm: 'søren.ø_å-1',
  });
  const bad: [string, string][] = [
    ['', 'required'],
    ['anna', 'too_short'],
    ['a'.repeat(21), 'too_long'],
    ['123456', 'format'],
    ['anna berg', 'format'],
    ['anna<b>', 'format'],
    ['a0101901234', 'format'],
    ['a010190-1234', 'format'],
  ];
  for (const [input, reason] of bad)
    assert.deepEqual(validateNemidUserId(input, cpr), { ok: false, reason }, input);
});

test('a CPR number is a user-ID only for its owner, stored without the dash', () => {
  assert.deepEqual(validateNemidUserId('020261-2046', cpr), { ok: true, userId: cpr, norm: cpr });
  assert.deepEqual(validateNemidUserId('0101901234', cpr), { ok: false, reason: 'not_own_cpr' });
});

test('every accepted alias is a valid MitID user-ID', () => {
  const mitidOk = (s: string) =>
    s.length >= 5 &&
    s.length <= 48 &&
    /^[a-zæøå0-9{}!#$^,*()_+\-=:;?.@ ]+$/i.test(s) &&
    !/\d{10}/.test(s) &&
    !/\d{6}-\d{4}/.test(s);
  fc.assert(
    fc.property(fc.stringMatching(/^[A-Za-zæøåÆØÅ0-9._-]{0,24}$/), (s) => {
      const r = validateNemidUserId(s, cpr);
      if (r.ok) assert.ok(mitidOk(r.userId), r.userId);
    }),
  );
});

test('login lookup normalises case and the CPR dash; shape check for the login form', () => {
  assert.equal(normaliseUserId(' JONAS1983 '), 'jonas1983');
  assert.equal(normaliseUserId('020261-2046'), cpr);
  assert.equal(isNemidUserIdShape('Jonas1983'), true);
  assert.equal(isNemidUserIdShape('020261-2046'), true);
  assert.equal(isNemidUserIdShape('x<y>'), false);
});
