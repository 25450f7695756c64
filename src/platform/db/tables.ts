/**
 * The types of the platform's own tables (sessions, rate counters, the key store), which every
 * service's schema includes (src/core/db/schema.ts, src/services/bank/db/schema.ts). Types only and
 * no HTTP module, so a schema imports nothing that runs. Their migrations: sessionsMigration.ts,
 * keys/keysMigration.ts, and the services' migration lists for rate_counters.
 */

export interface SessionsTable {
  id_hash: string;
  data: string;
  created_at: number;
  expires_at: number;
  /**
   * The MitID session's `sid` of the login that started it (the ID token's), so that a
   * back-channel logout ends it: a column the services add (oidcLogoutMigration.ts).
   */
  mitid_sid?: string | null;
}

/** The `jti` of each logout token a service took (single use), until it could no longer be valid. */
export interface OidcLogoutJtisTable {
  jti: string;
  expires_at: number;
}

export interface RateCountersTable {
  scope: string;
  key: string;
  window_start: number;
  hits: number;
  expires_at: number;
}

export interface KeysTable {
  purpose: string;
  version: number;
  /** AES-256-GCM ciphertext of the key, under the KEK (keyEncryption.ts). */
  material: string;
  created_at: number;
  /** From when this version signs (before that it only verifies). */
  activates_at: number;
  /** From when this version no longer verifies; null while it is in use. */
  retired_at: number | null;
}
