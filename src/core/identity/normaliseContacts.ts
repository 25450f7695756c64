/**
 * The contacts an identity is created with, checked and in their stored form: a mobile number as
 * +45 and 8 digits, an e-mail address with its domain lower-cased (parseRecipient), at most one per
 * channel, each with the time it was confirmed, ordered by channel (as the store reads them). The enrollment confirmed them with a validation
 * code before, so anything else is a programming error of the caller and throws (TypeError, or
 * MessageError from parseRecipient), never an IdentityError.
 */
import { parseRecipient } from '../messages/index.ts';
import { type Contact, contactChannels } from './Identity.ts';

export function normaliseContacts(contacts: readonly Contact[]): Contact[] {
  if (!Array.isArray(contacts)) throw new TypeError('contacts must be a list');
  const seen = new Set<string>();
  const checked = contacts.map((c): Contact => {
    if (!contactChannels.includes(c.channel)) throw new TypeError('unknown contact channel');
    if (seen.has(c.channel)) throw new TypeError('at most one contact per channel');
    seen.add(c.channel);
    if (!Number.isSafeInteger(c.confirmedAt)) throw new TypeError('confirmedAt must be epoch milliseconds');
    const value = parseRecipient(c.channel === 'mobile' ? 'sms' : 'email', c.value);
    return { channel: c.channel, value, confirmedAt: c.confirmedAt };
  });
  return checked.sort((a, b) => (a.channel < b.channel ? -1 : 1));
}
