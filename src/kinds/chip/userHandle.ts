/**
 * The WebAuthn user handle of a person's chip (user.id): HMAC-SHA-256 of the identity id under a
 * key of its own from the server secret. Opaque: neither the CPR number nor the user-ID nor the
 * MitID uuid (which services see) is stored on the chip, where anyone holding it can read the
 * handle of its discoverable credential; the same on every node, so nothing is stored for it.
 */
import { createHmac } from 'node:crypto';
import { deriveSubkey } from '../../platform/keys/deriveSubkey.ts';

export type UserHandles = (identityId: string) => string;

export function userHandles(serverSecret: string): UserHandles {
  const key = deriveSubkey(serverSecret, 'open-mitid chip user handle v1');
  return (identityId) => createHmac('sha256', key).update(identityId, 'utf8').digest('base64url');
}
