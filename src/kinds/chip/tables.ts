/**
 * The chip kind's tables (migration 0032_chip). Times are epoch milliseconds; transports are a
 * JSON array, as everywhere in the MitID service's database. Kept out of core/db's MitidDb (core
 * knows no kind): the chip's code reaches them with `db.withTables<ChipDb>()`.
 */

/** A chip's WebAuthn credential; status lives in `authenticators` only (decision 0010 §2.2). */
export interface ChipCredentialsTable {
  /** PK, FK → authenticators.id (CASCADE). */
  authenticator_id: string;
  /** The credential id as the chip names it, base64url; unique. */
  credential_id: string;
  /** The COSE public key, base64url. */
  public_key: string;
  /** The signature counter last accepted (0: the chip does not count). */
  counter: number;
  /** JSON array of the transports the browser reported ('usb', 'nfc', 'ble', …). */
  transports: string;
  /** The authenticator model's AAGUID (all zeros with attestation "none" from most chips). */
  aaguid: string;
  created_at: number;
  last_used_at: number | null;
}

/** A registration ceremony in flight (MitID.dk's "Tilføj chip"): single-use, 5 minutes. */
export interface ChipRegistrationsTable {
  id: string;
  identity_id: string;
  /** The challenge given to navigator.credentials.create, base64url. */
  challenge: string;
  expires_at: number;
  /** Set once, by the finish's conditional UPDATE, whatever its outcome. */
  used_at: number | null;
}

export type ChipDb = {
  chip_credentials: ChipCredentialsTable;
  chip_registrations: ChipRegistrationsTable;
};
