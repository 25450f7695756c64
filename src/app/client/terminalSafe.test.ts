import assert from 'node:assert/strict';
import { test } from 'node:test';
import { terminalSafe } from './terminalSafe.ts';

test('ordinary Danish text is unchanged', () => {
  assert.equal(
    terminalSafe('Overfør 1.250,00 kr. til 9999 0087654321 – Æblegård'),
    'Overfør 1.250,00 kr. til 9999 0087654321 – Æblegård',
  );
});

test('escape sequences, carriage returns and bidi overrides are shown, not obeyed', () => {
  assert.equal(
    terminalSafe('Overfør 1 kr.\r\u001b[2KOverfør 9.999 kr.'),
    'Overfør 1 kr.\\u000d\\u001b[2KOverfør 9.999 kr.',
  );
  assert.equal(terminalSafe('abc\u202edef'), 'abc\\u202edef');
});
