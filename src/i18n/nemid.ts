import type { Text } from './types.ts';

/** Texts of the NemID login (src/nemid). */
export const nemid = {} satisfies Record<string, Text>;
