/**
 * The WebAuthn relying party of the chip: MitID's host and origin (config.mitidUrl), where both
 * MitID.dk's "Tilføj chip" and the login box run, so a chip registered on one is asked on the other.
 * The same party the app's biometrics use (kinds/app/server/appServerContext.ts).
 */
export interface RelyingParty {
  /** The RP id: MitID's host name. */
  id: string;
  /** The one origin a ceremony may come from. */
  origin: string;
  name: string;
}

export function relyingPartyOf(mitidUrl: string): RelyingParty {
  const url = new URL(mitidUrl);
  return { id: url.hostname, origin: url.origin, name: 'MitID' };
}
