import type { Text } from './types.ts';

/** Texts of messages sent to people and of the development outbox (src/messages). */
export const messages = {} satisfies Record<string, Text>;
