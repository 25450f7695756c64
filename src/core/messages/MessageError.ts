/**
 * The notifier refuses a message with one of these codes before anything is stored. They are
 * programming errors of the caller (a flow should check a person's input with parseRecipient
 * first), so the error catalogue does not expose them: an uncaught one is answered as ERR_INTERNAL
 * and logged as itself (messageErrorCodes.ts).
 * The error text names the rule, never the value (it may be a CPR number or hold a code).
 */
export const messageErrorCodes = [
  'ERR_MESSAGE_CHANNEL',
  'ERR_MESSAGE_RECIPIENT',
  'ERR_MESSAGE_SUBJECT',
  'ERR_MESSAGE_BODY',
] as const;

export type MessageErrorCode = (typeof messageErrorCodes)[number];

export class MessageError extends Error {
  override name = 'MessageError';
  readonly code: MessageErrorCode;
  constructor(code: MessageErrorCode, rule: string) {
    super(rule);
    this.code = code;
  }
}
