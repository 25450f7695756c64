/**
 * NemID passwords are stored as Argon2id PHC strings with OWASP's parameters (Password Storage
 * Cheat Sheet: m=19456 KiB, t=2, p=1). The salt comes from the library's CSPRNG.
 *
 * For unknown user-IDs the login runs `verifyDummy`: an Argon2id verification with the same
 * parameters, so an unknown ID takes as long as a wrong password and IDs cannot be enumerated by
 * timing.
 */
import { type Algorithm, hash, verify } from '@node-rs/argon2';

export const argon2Options = {
  // Argon2id. The library declares Algorithm as a const enum, which isolatedModules cannot import.
  algorithm: 2 as Algorithm,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2Options);
}

/** False for a wrong password and for a malformed stored hash (never throws on either). */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/** The hash the dummy verification runs against: made once, with the same parameters. */
export function dummyHash(): Promise<string> {
  dummy ??= hash('not a password: timing equaliser for unknown user-IDs', argon2Options);
  return dummy;
}

/** Spends the time of one verification and answers false. */
export async function verifyDummy(password: string): Promise<false> {
  await verifyPassword(await dummyHash(), password);
  return false;
}
