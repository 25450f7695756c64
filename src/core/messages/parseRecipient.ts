/**
 * Recipients, normalised so that all of a person's messages are found under one key:
 * - sms: +45 and 8 digits. Spaces are removed: "+45 12 34 56 78" → "+4512345678".
 * - email: at most 254 characters; a local part of at most 64 plain characters (letters, digits,
 *   !#$%&'*+/=?^_`{|}~- and single inner dots; no quoted forms); a domain of two or more labels
 *   (letters, æøå included, digits, inner hyphens) ending in a label that starts with a letter.
 *   The domain is lower-cased; the local part keeps its case (RFC 5321 leaves it to the server).
 * - digitalpost: a CPR number, 10 digits. A dash after the birth date is removed.
 */
import type { Channel } from './Message.ts';
import { MessageError } from './MessageError.ts';

const phone = /^\+45\d{8}$/;
const cpr = /^(\d{6})-?(\d{4})$/;
const atom = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const localPart = new RegExp(`^${atom}(?:\\.${atom})*$`);
const label = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?';
const domain = new RegExp(`^(?:${label}\\.)+\\p{L}(?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?$`, 'u');

export const MAX_EMAIL_LENGTH = 254;

export function parseRecipient(channel: Channel, raw: string): string {
  if (typeof raw !== 'string') throw new MessageError('ERR_MESSAGE_RECIPIENT', 'the recipient must be text');
  switch (channel) {
    case 'sms': {
      const number = raw.replace(/\s/g, '');
      if (!phone.test(number)) {
        throw new MessageError('ERR_MESSAGE_RECIPIENT', 'an SMS goes to +45 followed by 8 digits');
      }
      return number;
    }
    case 'email':
      return parseEmail(raw.trim());
    case 'digitalpost': {
      const m = cpr.exec(raw.trim());
      if (!m) throw new MessageError('ERR_MESSAGE_RECIPIENT', 'Digital Post goes to a 10-digit CPR number');
      return `${m[1]}${m[2]}`;
    }
  }
}

function parseEmail(address: string): string {
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  const host = address.slice(at + 1);
  if (
    address.length > MAX_EMAIL_LENGTH ||
    at < 1 ||
    local.length > 64 ||
    !localPart.test(local) ||
    !domain.test(host)
  ) {
    throw new MessageError('ERR_MESSAGE_RECIPIENT', 'not a plain e-mail address (name@domain.tld)');
  }
  return `${local}@${host.toLowerCase()}`;
}

/**
 * Recognises what a developer types to look messages up: a phone number (with or without +45),
 * an e-mail address or a CPR number. The three forms cannot be mistaken for each other.
 */
export function recognizeRecipient(raw: string): { channel: Channel; recipient: string } | undefined {
  const compact = raw.replace(/\s/g, '');
  const candidates: [Channel, string][] = [
    ['sms', /^\d{8}$/.test(compact) ? `+45${compact}` : compact],
    ['email', raw],
    ['digitalpost', raw],
  ];
  for (const [channel, value] of candidates) {
    try {
      return { channel, recipient: parseRecipient(channel, value) };
    } catch {
      // not this channel's form; try the next
    }
  }
  return undefined;
}
