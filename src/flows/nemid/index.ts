/**
 * Public entry of flows/nemid: the legacy NemID login (registerNemid), making a person with NemID
 * (seed, people CLI, tests), its clients' type, redeeming a NemID code (enrollment), the NemID side
 * of core/identity's NemidReservation port and the user-ID suggestion, the helpers of the people
 * CLI, and NemID's sweep hook. Other modules import only this file.
 */
export { createPersonWithNemid } from './createPersonWithNemid.ts';
export type { GeneratedKeyCard } from './generateKeyCard.ts';
export { nemidPasswordProblem } from './nemidPassword.ts';
export { nemidReservation, nemidUserIdSuggestionFor } from './nemidReservation.ts';
export { validateNemidUserId } from './nemidUserId.ts';
export { redeemNemidCode } from './redeemNemidCode.ts';
export { registerNemid } from './registerNemid.ts';
export { sweepNemid } from './sweep.ts';
