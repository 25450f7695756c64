import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maskMobile } from './maskMobile.ts';

test('only the last four digits of the number are shown', () => {
  assert.equal(maskMobile('+4512344050'), '+45 •• •• 40 50');
});
