import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { settings } from './config.ts';

// The error codes' documents are checked against the catalogue by src/core/errors/errors.docs.test.ts.
test('every setting is documented in the README', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  for (const s of Object.values(settings)) {
    assert.match(
      readme,
      new RegExp(`\\|\\s*\`${s.env}\`\\s*\\|`),
      `${s.env} is missing from the README's configuration table`,
    );
  }
});
