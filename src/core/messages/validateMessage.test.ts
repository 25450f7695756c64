import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { OutgoingMessage } from './Message.ts';
import { MessageError, type MessageErrorCode } from './MessageError.ts';
import { MAX_BODY_LENGTH, MAX_SMS_LENGTH, MAX_SUBJECT_LENGTH, validateMessage } from './validateMessage.ts';

const sms: OutgoingMessage = {
  channel: 'sms',
  to: '+45 12 34 56 78',
  subject: '',
  body: 'Din kode er 123456',
};
const email: OutgoingMessage = {
  channel: 'email',
  to: 'anna@Example.dk',
  subject: '  Bekræft din e-mailadresse ',
  body: 'Hej Anna\n\nDin kode er 123456.\n',
};
const letter: OutgoingMessage = {
  channel: 'digitalpost',
  to: '010101-1234',
  subject: 'Det er din tur til at få MitID',
  body: 'Kære Anna\n\tLæs mere.',
};

function refused(message: unknown, code: MessageErrorCode): void {
  assert.throws(
    () => validateMessage(message as OutgoingMessage),
    (err: unknown) => err instanceof MessageError && err.code === code,
  );
}

describe('valid messages come back normalised', () => {
  test('sms: recipient without spaces; an SMS may have no subject', () => {
    assert.deepEqual(validateMessage(sms), { ...sms, to: '+4512345678' });
  });
  test('email: recipient domain lower-cased, subject trimmed, body untouched', () => {
    assert.deepEqual(validateMessage(email), {
      ...email,
      to: 'anna@example.dk',
      subject: 'Bekræft din e-mailadresse',
    });
  });
  test('digitalpost: CPR without the dash; tabs and line breaks allowed in the body', () => {
    assert.deepEqual(validateMessage(letter), { ...letter, to: '0101011234' });
  });
});

describe('channel', () => {
  for (const channel of ['fax', '', undefined, 'SMS']) {
    test(`refuses ${JSON.stringify(channel)}`, () => refused({ ...sms, channel }, 'ERR_MESSAGE_CHANNEL'));
  }
  test('refuses a missing message', () => refused(undefined, 'ERR_MESSAGE_CHANNEL'));
});

describe('recipient', () => {
  test('is checked for the channel', () => {
    refused({ ...sms, to: 'anna@example.dk' }, 'ERR_MESSAGE_RECIPIENT');
    refused({ ...email, to: '+4512345678' }, 'ERR_MESSAGE_RECIPIENT');
    refused({ ...letter, to: 'anna@example.dk' }, 'ERR_MESSAGE_RECIPIENT');
  });
});

describe('subject', () => {
  test('an e-mail and a letter need one', () => {
    refused({ ...email, subject: '   ' }, 'ERR_MESSAGE_SUBJECT');
    refused({ ...letter, subject: '' }, 'ERR_MESSAGE_SUBJECT');
  });
  test(`at most ${MAX_SUBJECT_LENGTH} characters, counted as a person counts them`, () => {
    assert.equal(validateMessage({ ...email, subject: 'æ'.repeat(MAX_SUBJECT_LENGTH) }).subject.length, 200);
    assert.ok(validateMessage({ ...email, subject: '🔑'.repeat(MAX_SUBJECT_LENGTH) }));
    refused({ ...email, subject: 'x'.repeat(MAX_SUBJECT_LENGTH + 1) }, 'ERR_MESSAGE_SUBJECT');
  });
  for (const bad of [
    'Hej\r\nBcc: eve@example.dk',
    'Hej\nmed dig',
    'tab\there',
    'nul\u0000',
    'line\u2028sep',
    'c1\u0085',
  ]) {
    test(`one line without control characters: refuses ${JSON.stringify(bad)}`, () =>
      refused({ ...email, subject: bad }, 'ERR_MESSAGE_SUBJECT'));
  }
  test('must be text', () => refused({ ...email, subject: 42 }, 'ERR_MESSAGE_SUBJECT'));
});

describe('body', () => {
  for (const blank of ['', '  \n\t ']) {
    test(`refuses a blank body ${JSON.stringify(blank)}`, () =>
      refused({ ...sms, body: blank }, 'ERR_MESSAGE_BODY'));
  }
  test('must be text', () => refused({ ...sms, body: null }, 'ERR_MESSAGE_BODY'));
  test(`an SMS is at most ${MAX_SMS_LENGTH} characters`, () => {
    assert.ok(validateMessage({ ...sms, body: 'ø'.repeat(MAX_SMS_LENGTH) }));
    refused({ ...sms, body: 'ø'.repeat(MAX_SMS_LENGTH + 1) }, 'ERR_MESSAGE_BODY');
  });
  test(`an e-mail or a letter is at most ${MAX_BODY_LENGTH} characters`, () => {
    assert.ok(validateMessage({ ...email, body: 'x'.repeat(MAX_BODY_LENGTH) }));
    refused({ ...email, body: 'x'.repeat(MAX_BODY_LENGTH + 1) }, 'ERR_MESSAGE_BODY');
    refused({ ...letter, body: 'x'.repeat(MAX_BODY_LENGTH + 1) }, 'ERR_MESSAGE_BODY');
  });
  for (const bad of ['bell\u0007', 'nul\u0000', 'esc\u001b[31m', 'del\u007f', 'form\u000cfeed']) {
    test(`refuses control characters: ${JSON.stringify(bad)}`, () =>
      refused({ ...email, body: bad }, 'ERR_MESSAGE_BODY'));
  }
  test('the error never quotes the body', () => {
    try {
      validateMessage({ ...sms, body: `Din kode er 987654 ${'x'.repeat(MAX_SMS_LENGTH)}` });
      assert.fail('expected a MessageError');
    } catch (err) {
      assert.ok(err instanceof MessageError);
      assert.doesNotMatch(err.message, /987654/);
    }
  });
});
