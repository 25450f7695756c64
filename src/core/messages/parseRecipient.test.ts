import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MessageError } from './MessageError.ts';
import { parseRecipient, recognizeRecipient } from './parseRecipient.ts';

const refused = (fn: () => unknown, value: string) =>
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof MessageError);
    assert.equal(err.code, 'ERR_MESSAGE_RECIPIENT');
    if (value.trim().length > 3)
      assert.ok(!err.message.includes(value.trim()), 'the error names the rule, not the value');
    return true;
  });

describe('SMS recipients', () => {
  test('+45 and 8 digits, spaces removed', () => {
    assert.equal(parseRecipient('sms', '+4512345678'), '+4512345678');
    assert.equal(parseRecipient('sms', ' +45 12 34 56 78 '), '+4512345678');
    assert.equal(parseRecipient('sms', '+45\u00a012345678'), '+4512345678');
  });
  for (const bad of [
    '12345678',
    '004512345678',
    '+4612345678',
    '+45 1234567',
    '+45123456789',
    '+45 1234 567a',
    '',
    '+45',
  ]) {
    test(`refuses ${JSON.stringify(bad)}`, () => refused(() => parseRecipient('sms', bad), bad));
  }
});

describe('e-mail recipients', () => {
  test('trimmed, domain lower-cased, local part kept', () => {
    assert.equal(parseRecipient('email', ' Anna.B+mitid@Example.DK '), 'Anna.B+mitid@example.dk');
    assert.equal(parseRecipient('email', 'anna@mitid.localhost'), 'anna@mitid.localhost');
    assert.equal(parseRecipient('email', 'søren@blåbær.dk'.replace('søren', 'soeren')), 'soeren@blåbær.dk');
  });
  test('at most 254 characters and a local part of at most 64', () => {
    const domain = `${'d'.repeat(62)}.${'e'.repeat(62)}.${'f'.repeat(60)}.dk`; // 189 characters
    const at254 = `${'a'.repeat(64)}@${domain}`;
    assert.equal(at254.length, 254);
    assert.equal(parseRecipient('email', at254), at254);
    refused(() => parseRecipient('email', `a${at254}`), `a${at254}`);
    refused(() => parseRecipient('email', `${'a'.repeat(65)}@x.dk`), `${'a'.repeat(65)}@x.dk`);
  });
  for (const bad of [
    'anna',
    '@example.dk',
    'anna@',
    'anna@dk',
    'an na@example.dk',
    'anna@example.dk\r\nBcc: eve@example.dk',
    'anna@example.dk,eve@example.dk',
    '"anna b"@example.dk',
    'a..b@example.dk',
    '.anna@example.dk',
    'anna.@example.dk',
    'anna@-example.dk',
    'anna@example-.dk',
    'anna@example.dk.',
    'anna@192.168.0.1',
    'anna@@example.dk',
    '<anna@example.dk>',
  ]) {
    test(`refuses ${JSON.stringify(bad)}`, () => refused(() => parseRecipient('email', bad), bad));
  }
});

describe('Digital Post recipients', () => {
  test('a 10-digit CPR number; the dash is removed', () => {
    assert.equal(parseRecipient('digitalpost', '0101011234'), '0101011234');
    assert.equal(parseRecipient('digitalpost', ' 010101-1234 '), '0101011234');
  });
  for (const bad of ['010101123', '01010112345', '010101 1234', 'abcdefghij', '+4512345678', '']) {
    test(`refuses ${JSON.stringify(bad)}`, () => refused(() => parseRecipient('digitalpost', bad), bad));
  }
});

test('a recipient that is not text is refused', () => {
  assert.throws(() => parseRecipient('sms', 4512345678 as unknown as string), MessageError);
});

describe('recognizeRecipient (what a developer types on the outbox page)', () => {
  const cases: [string, ReturnType<typeof recognizeRecipient>][] = [
    ['+45 12 34 56 78', { channel: 'sms', recipient: '+4512345678' }],
    ['12 34 56 78', { channel: 'sms', recipient: '+4512345678' }],
    ['Anna@Example.dk', { channel: 'email', recipient: 'Anna@example.dk' }],
    ['010101-1234', { channel: 'digitalpost', recipient: '0101011234' }],
    ['hello', undefined],
    ['', undefined],
    ['1234', undefined],
  ];
  for (const [input, expected] of cases) {
    test(JSON.stringify(input), () => assert.deepEqual(recognizeRecipient(input), expected));
  }
});
