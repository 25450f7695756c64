/**
 * The port through which identity learns whose NemID user-ID a MitID user-ID is (decision 0010
 * §3.5). The guide: "Dit bruger-ID fra NemID er allerede reserveret til dig i MitID – dog ikke,
 * hvis det er dit CPR-nummer." NemID's tables and its rule of what it reserves are NemID's
 * (src/flows/nemid/nemidReservation.ts implements this); the composition root passes it in, so
 * core/identity imports no flow.
 */
export interface NemidReservation {
  /**
   * The CPR number of the person `userIdNorm` (normaliseUserId() of a MitID user-ID) is reserved
   * for as their NemID user-ID, or undefined when it is nobody's.
   */
  ownerOf(userIdNorm: string): Promise<string | undefined>;
}
