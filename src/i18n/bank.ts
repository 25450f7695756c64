import type { Text } from './types.ts';

/** Texts of Min Bank (src/bank). */
export const bank = {} satisfies Record<string, Text>;
