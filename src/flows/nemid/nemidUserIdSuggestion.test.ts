import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nemidUserIdSuggestion } from './nemidUserIdSuggestion.ts';

const cpr = '0101901234';

test('a NemID user-ID that passes the MitID rules is suggested as it is', () => {
  assert.equal(nemidUserIdSuggestion('Jonas1983', cpr), 'Jonas1983');
});

test('not when it is the CPR number, looks like one, or breaks another rule', () => {
  assert.equal(nemidUserIdSuggestion('0101901234', cpr), undefined);
  assert.equal(nemidUserIdSuggestion('211788-0967', cpr), undefined);
  assert.equal(nemidUserIdSuggestion('jo', cpr), undefined);
  assert.equal(nemidUserIdSuggestion('jonas/1983', cpr), undefined);
  assert.equal(nemidUserIdSuggestion(undefined, cpr), undefined);
});
