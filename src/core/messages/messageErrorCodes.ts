/**
 * The catalogue code of each MessageError (MessageError.ts), once. They are a caller's
 * programming errors: the catalogue does not expose them (the answer is ERR_INTERNAL), and the
 * log names the code.
 */
import { type ErrorCode, MitidError } from '../errors/index.ts';
import { MessageError, type MessageErrorCode } from './MessageError.ts';

export const messageErrorCodes = {
  ERR_MESSAGE_CHANNEL: 'ERR_MESSAGE_CHANNEL',
  ERR_MESSAGE_RECIPIENT: 'ERR_MESSAGE_RECIPIENT',
  ERR_MESSAGE_SUBJECT: 'ERR_MESSAGE_SUBJECT',
  ERR_MESSAGE_BODY: 'ERR_MESSAGE_BODY',
} as const satisfies Record<MessageErrorCode, ErrorCode>;

/** A MessageError that reached the error handler, as its (unexposed) catalogue refusal. */
export const messageRefusal = (err: unknown): MitidError | undefined =>
  err instanceof MessageError ? new MitidError(messageErrorCodes[err.code], {}, { cause: err }) : undefined;
