/**
 * MitID passwords as Argon2id PHC strings at OWASP's parameters (Password Storage Cheat Sheet:
 * m = 19456 KiB, t = 2, p = 1; decision 0014 §2). The salt is the library's (CSPRNG). The
 * password is NFC-normalised first, so "å" typed as a + combining ring verifies as "å".
 * @node-rs/argon2 runs in libuv's thread pool: the event loop stays free while it works.
 *
 * `verifyDecoy` spends one verification against a fixed hash with the same parameters and answers
 * false: a password step for an authenticator with no row takes as long as a wrong password.
 * Nothing here logs; the password never leaves these functions but into the library.
 */
import { type Algorithm, hash, verify } from '@node-rs/argon2';

export const passwordArgon2Options = {
  // Argon2id. The library declares Algorithm as a const enum, which isolatedModules cannot import.
  algorithm: 2 as Algorithm,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), passwordArgon2Options);
}

/** False for a wrong password and for a malformed stored hash (never throws on either). */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password.normalize('NFC'));
  } catch {
    return false;
  }
}

let decoy: Promise<string> | undefined;

/** The fixed hash the decoy verification runs against: made once, with the same parameters. */
export function decoyHash(): Promise<string> {
  decoy ??= hash('not a password: timing equaliser for a decoy authenticator', passwordArgon2Options);
  return decoy;
}

/** Spends the time of one verification and answers false. */
export async function verifyDecoy(password: string): Promise<false> {
  await verifyPassword(await decoyHash(), password);
  return false;
}
