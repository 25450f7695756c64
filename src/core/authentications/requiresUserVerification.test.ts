/** The one rule of the PIN or biometrics: level high, an approval, a signature; else the app alone. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ACTIONS } from './Authentication.ts';
import { requiresUserVerification } from './Authentications.ts';

test('the PIN or biometrics for level high, every approval and every signature; else the app alone', () => {
  const table = ACTIONS.flatMap((action) =>
    (['low', 'substantial', 'high'] as const).map((level) => [
      action,
      level,
      requiresUserVerification(action, level),
    ]),
  );
  assert.deepEqual(
    table.filter(([, , uv]) => !uv).map(([action, level]) => `${action}/${level}`),
    [
      'login/low',
      'login/substantial',
      'confirm/low',
      'confirm/substantial',
      'accept/low',
      'accept/substantial',
    ],
  );
});
