import type { Text } from './types.ts';

/** Texts of the MitID service's own pages (front page, MitID.dk). */
export const mitid = {} satisfies Record<string, Text>;
