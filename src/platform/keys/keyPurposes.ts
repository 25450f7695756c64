/**
 * The keys each service keeps in its key store, and whether a rotation can replace them. The
 * OPAQUE server setup is never rotated: every app's PIN record was made under it, so a new one
 * would make every PIN unusable (each person would activate the app again).
 */
import { newOidcSigningKey } from './oidcSigningKey.ts';

export type KeyPurpose = 'cookie' | 'server-secret' | 'opaque-server-setup' | 'oidc-signing';

export interface PurposePolicy {
  /** Rotatable: a new version signs after the nodes have loaded it, older ones keep verifying. */
  rotation: 'ring' | 'never';
  /** Why a 'never' key is not rotated (the message of a refused rotation). */
  why?: string;
  /** What a new version is, when not 32 random bytes (rotateKey.ts). */
  make?: () => string;
}

export const keyPurposes: Record<KeyPurpose, PurposePolicy> = {
  cookie: { rotation: 'ring' },
  'server-secret': {
    rotation: 'never',
    why:
      'the one-time codes stored in the database and the sealed PIN-login states were made under it ' +
      'and record no key version; a new one would make every outstanding code wrong',
  },
  'opaque-server-setup': {
    rotation: 'never',
    why: 'every app PIN was registered under it: a new one would make every PIN unusable',
  },
  // The OpenID Connect provider's ID-token keys (oidcSigningKey.ts): the JWKS lists every
  // accepted version, so a token signed by the old one verifies until it is retired.
  'oidc-signing': { rotation: 'ring', make: newOidcSigningKey },
};

/**
 * A rotated key's predecessor verifies for this long after the new one signs: longer than the
 * longest flow a signed cookie binds (an enrollment waits up to 45 days for a posted device,
 * ENROLLMENT_DEVICE_WAIT_MS).
 */
export const RETIRE_OLD_AFTER_MS = 60 * 24 * 3600_000;
/** A new version signs only this long after it was made: every node reloads its keys each minute first. */
export const ACTIVATE_AFTER_MS = 5 * 60_000;
/** How often a running node reloads its keys from the database. */
export const KEY_RELOAD_MS = 60_000;
