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

test('every character that could make the text show something else is escaped, by code point', () => {
  assert.equal(terminalSafe('til \u20660008 1234\u2069'), 'til \\u20660008 1234\\u2069');
  assert.equal(terminalSafe('12\u200b34\u00ad\ufeff'), '12\\u200b34\\u00ad\\ufeff');
  assert.equal(terminalSafe('tag\u{e0041}'), 'tag\\u{e0041}');
  assert.equal(terminalSafe('pua\ue000 \u{10fffd}'), 'pua\\ue000 \\u{10fffd}');
  assert.equal(terminalSafe('lone\ud800'), 'lone\\ud800');
  assert.equal(terminalSafe('line\u2028sep'), 'line\\u2028sep');
  assert.equal(terminalSafe('emoji 💸 ❤️ æøå'), 'emoji 💸 ❤️ æøå', 'astral letters and emoji are kept');
});
