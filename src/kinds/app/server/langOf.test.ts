import assert from 'node:assert/strict';
import { test } from 'node:test';
import { langOf } from './langOf.ts';

test('Danish unless English is preferred', () => {
  assert.equal(langOf(undefined), 'da');
  assert.equal(langOf(''), 'da');
  assert.equal(langOf('en'), 'en');
  assert.equal(langOf('en-GB,en;q=0.9'), 'en');
  assert.equal(langOf('da-DK,da;q=0.9,en;q=0.8'), 'da');
  assert.equal(langOf('de,en;q=0.5'), 'en');
  assert.equal(langOf('da;q=0.4,en;q=0.5'), 'en');
  assert.equal(langOf('fr'), 'da');
});
