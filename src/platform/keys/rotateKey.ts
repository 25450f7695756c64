/**
 * Rotates one of a service's keys: a new random version that every node loads within a minute
 * (KEY_RELOAD_MS), that signs from ACTIVATE_AFTER_MS on, while the previous version keeps
 * verifying for RETIRE_OLD_AFTER_MS more: nobody is logged out. Keys that cannot be rotated
 * without losing data (keyPurposes.ts) are refused with the reason.
 */
import type { Random } from '../random.ts';
import type { KeyStore, KeyVersion } from './KeyStore.ts';
import { ACTIVATE_AFTER_MS, type KeyPurpose, keyPurposes, RETIRE_OLD_AFTER_MS } from './keyPurposes.ts';

export class KeyRotationRefused extends Error {
  override name = 'KeyRotationRefused';
}

export async function rotateKey(
  store: KeyStore,
  random: Random,
  purpose: KeyPurpose,
  opts: { activateAfterMs?: number; retireOldAfterMs?: number; from?: number } = {},
): Promise<KeyVersion> {
  const policy = keyPurposes[purpose];
  if (policy.rotation !== 'ring') {
    throw new KeyRotationRefused(`The key "${purpose}" is not rotated: ${policy.why ?? 'not rotatable'}`);
  }
  return store.rotate(purpose, policy.make ?? (() => random.token(32)), {
    activateAfterMs: opts.activateAfterMs ?? ACTIVATE_AFTER_MS,
    retireOldAfterMs: opts.retireOldAfterMs ?? RETIRE_OLD_AFTER_MS,
    ...(opts.from === undefined ? {} : { from: opts.from }),
  });
}
