import { randomBytes, randomInt } from 'node:crypto';

/** Randomness is injected so tests can make codes predictable (style rule 7). */
export interface Random {
  /** URL-safe token with `bytes` bytes of entropy. */
  token(bytes?: number): string;
  /** A string of `length` decimal digits, uniformly distributed. */
  digits(length: number): string;
  /** An integer in [min, max). */
  int(min: number, max: number): number;
}

export const cryptoRandom: Random = {
  token: (bytes = 32) => randomBytes(bytes).toString('base64url'),
  digits: (length) => {
    let out = '';
    for (let i = 0; i < length; i++) out += String(randomInt(0, 10));
    return out;
  },
  int: (min, max) => randomInt(min, max),
};
