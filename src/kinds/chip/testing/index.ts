/** What other modules' tests use of kinds/chip's test helpers (the browser test's checks too). */
export { type ChipKit, decoyAuthenticator, ORIGIN, SECRET, withChipKit } from './chipKit.ts';
export { type CeremonyKnobs, SoftChip } from './softChip.ts';
