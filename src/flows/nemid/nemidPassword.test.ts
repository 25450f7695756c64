import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nemidPasswordProblem } from './nemidPassword.ts';

test('6–40 characters with a letter and a digit, not containing the user-ID or CPR number', () => {
  const cpr = '1505831017';
  assert.equal(nemidPasswordProblem('Demo-NemID-2026', 'Jonas1983', cpr), undefined);
  assert.equal(nemidPasswordProblem('', 'jonas1983', cpr), 'required');
  assert.equal(nemidPasswordProblem('ab1', 'jonas1983', cpr), 'too_short');
  assert.equal(nemidPasswordProblem(`a1${'x'.repeat(39)}`, 'jonas1983', cpr), 'too_long');
  assert.equal(nemidPasswordProblem('abcdefgh', 'jonas1983', cpr), 'format');
  assert.equal(nemidPasswordProblem('12345678', 'jonas1983', cpr), 'format');
  assert.equal(nemidPasswordProblem('xJONAS1983x', 'jonas1983', cpr), 'contains_user_id');
  assert.equal(nemidPasswordProblem('pw150583-1017', 'jonas1983', cpr), 'contains_cpr');
  assert.equal(nemidPasswordProblem('tab\there1', 'jonas1983', cpr), 'format');
  assert.equal(
    nemidPasswordProblem('Demo-NemID-2026', '', ''),
    undefined,
    'no CPR number: nothing to contain',
  );
});
