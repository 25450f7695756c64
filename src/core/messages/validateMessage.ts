/**
 * Rules a message obeys before anything is stored or sent:
 * - the channel is sms, email or digitalpost;
 * - the recipient has that channel's form (see parseRecipient) and is normalised;
 * - the subject is one line of at most 200 characters without control characters, trimmed;
 *   an e-mail or a letter needs one, an SMS may leave it empty (an SMS has no subject);
 * - the body is not blank, has no control characters other than line breaks and tabs, and is at
 *   most 612 characters for an SMS (four concatenated parts of 153) or 20,000 otherwise.
 */
import { isChannel, type OutgoingMessage } from './Message.ts';
import { MessageError } from './MessageError.ts';
import { parseRecipient } from './parseRecipient.ts';

export const MAX_SUBJECT_LENGTH = 200;
export const MAX_SMS_LENGTH = 612;
export const MAX_BODY_LENGTH = 20_000;

// Control characters (C0, DEL, C1) and line/paragraph separators would split a header line.
const anyControl = /[\p{Cc}\p{Zl}\p{Zp}]/u;
// A body may have line breaks and tabs, nothing else of the kind.
const controlButLineBreaks = /(?![\t\n\r])\p{Cc}/u;

export function validateMessage(input: OutgoingMessage): OutgoingMessage {
  const { channel, to, subject, body } = input ?? ({} as Partial<OutgoingMessage>);
  if (!isChannel(channel)) {
    throw new MessageError('ERR_MESSAGE_CHANNEL', 'the channel must be sms, email or digitalpost');
  }
  const recipient = parseRecipient(channel, to);

  if (typeof subject !== 'string') throw new MessageError('ERR_MESSAGE_SUBJECT', 'the subject must be text');
  const cleanSubject = subject.trim();
  if (cleanSubject === '' && channel !== 'sms') {
    throw new MessageError('ERR_MESSAGE_SUBJECT', 'an e-mail or a letter needs a subject');
  }
  if (length(cleanSubject) > MAX_SUBJECT_LENGTH || anyControl.test(cleanSubject)) {
    throw new MessageError(
      'ERR_MESSAGE_SUBJECT',
      `the subject is one line of at most ${MAX_SUBJECT_LENGTH} characters`,
    );
  }

  if (typeof body !== 'string' || body.trim() === '') {
    throw new MessageError('ERR_MESSAGE_BODY', 'the body must not be empty');
  }
  const max = channel === 'sms' ? MAX_SMS_LENGTH : MAX_BODY_LENGTH;
  if (length(body) > max) throw new MessageError('ERR_MESSAGE_BODY', `the body is at most ${max} characters`);
  if (controlButLineBreaks.test(body)) {
    throw new MessageError('ERR_MESSAGE_BODY', 'the body has control characters');
  }
  return { channel, to: recipient, subject: cleanSubject, body };
}

/** Characters as a person counts them (code points, not UTF-16 units). */
function length(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}
