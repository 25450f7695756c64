import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { settings } from './config.ts';

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

test('every error code is documented in docs/errors.md', () => {
  const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
  return import('../platform/http/errors.ts').then(({ errorStatus }) => {
    for (const code of Object.keys(errorStatus)) assert.match(doc, new RegExp(`\`${code}\``), code);
  });
});
