/**
 * Staff passwords: Argon2id PHC strings at OWASP's parameters (m=19456 KiB, t=2, p=1), salted by
 * the library. An unknown or disabled login runs the same verification against a fixed hash
 * (`verifyDecoy`), so it takes as long as a wrong password and logins cannot be found by timing.
 * A generated password is 16 random bytes, base64url (22 characters).
 */
import { type Algorithm, hash, verify } from '@node-rs/argon2';
import type { Random } from '../../platform/random.ts';

const argon2id = {
  // Argon2id. The library declares Algorithm as a const enum, which isolatedModules cannot import.
  algorithm: 2 as Algorithm,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** Shortest and longest staff password accepted (code points). */
export const STAFF_PASSWORD_MIN = 12;
export const STAFF_PASSWORD_MAX = 128;

export function hashStaffPassword(password: string): Promise<string> {
  return hash(password, argon2id);
}

/** False for a wrong password and for a malformed stored hash (never throws). */
export async function verifyStaffPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let decoy: Promise<string> | undefined;

/** Spends the time of one verification and answers false. */
export async function verifyDecoy(password: string): Promise<false> {
  decoy ??= hash('not a staff password: the timing of an unknown login', argon2id);
  await verifyStaffPassword(await decoy, password);
  return false;
}

export function generateStaffPassword(random: Random): string {
  return random.token(16);
}
