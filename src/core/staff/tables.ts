/** The staff registry's tables (migration 0036_staff), joined into core/db/schema.ts. */

export const STAFF_ROLES = ['clerk', 'supporter'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** A member of staff: a Borgerservice clerk (an office) or MitID support (no office, issue 12). */
export interface StaffTable {
  id: string;
  name: string;
  /** A Borgerservice office id (`bs-101`); null for MitID support. */
  office_id: string | null;
  role: StaffRole;
  /** The login name, normalised (NFC, trimmed, lower case): unique. */
  login: string;
  /** Argon2id, PHC string (OWASP: m=19456, t=2, p=1). */
  password_hash: string;
  created_at: number;
  /** Set: the member can no longer log in (the row stays, for the handovers it recorded). */
  disabled_at: number | null;
}

/**
 * A guessing counter of staff logins: `l:` + SHA-256 of a normalised login (known or not, so an
 * unknown login is throttled as a known one is) or `a:` + a client address.
 */
export interface StaffLoginCountersTable {
  counter_key: string;
  /** Wrong passwords since the last right one or the last block's end. */
  failures: number;
  /** Attempts counted here are refused without a comparison until then. */
  blocked_until: number | null;
  updated_at: number;
}
