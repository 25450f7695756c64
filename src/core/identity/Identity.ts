/** A person's MitID as the rest of the service sees it (stored by IdentityStore). */

export const identityStatuses = ['pending_activation', 'active', 'blocked', 'revoked'] as const;
export type IdentityStatus = (typeof identityStatuses)[number];

export const contactChannels = ['mobile', 'email'] as const;
export type ContactChannel = (typeof contactChannels)[number];

/** A confirmed contact: a +45 mobile number or an e-mail address. */
export interface Contact {
  channel: ContactChannel;
  value: string;
  confirmedAt: number;
}

export interface Identity {
  /** The stable MitID uuid (what services get instead of the CPR number). */
  id: string;
  cpr: string;
  /** The user-ID as the person chose it (NFC); compared without regard to case. */
  userId: string;
  status: IdentityStatus;
  contacts: Contact[];
  createdAt: number;
  updatedAt: number;
}

export interface NewIdentity {
  cpr: string;
  userId: string;
  contacts: readonly Contact[];
}
