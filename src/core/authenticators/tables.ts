/** The authenticators' table (migration 0020_authenticators), joined into core/db/schema.ts. */
import type { AuthenticatorStatus, BlockReason, KindName, Level } from './Kind.ts';

/** One authenticator of any kind: its identity, status and what it gives; each kind's data references it. */
export interface AuthenticatorsTable {
  /** The app: the device id (signed requests, OPAQUE user identifiers, sealed states use it). */
  id: string;
  identity_id: string;
  kind: KindName;
  /** Only an active authenticator of an active identity may be used; revoked is final. */
  status: AuthenticatorStatus;
  /** The device name, the serial, "Adgangskode": what the person reads. */
  label: string;
  /** JSON array of Factor: what one use can give. */
  factors: string;
  max_level: Level;
  blocked_reason: BlockReason | null;
  /** The Actor who blocked it (issue 12 audits it). */
  blocked_by: string | null;
  created_at: number;
  activated_at: number;
  blocked_at: number | null;
  revoked_at: number | null;
  updated_at: number;
}
