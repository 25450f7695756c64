/**
 * TOTP as the devices compute it (RFC 6238 over RFC 4226: HMAC-SHA-1, 6 digits, 30-second steps
 * from t0 = 0) and the window the server accepts (decision 0014 §3):
 * - steps from now + drift − 2 to now + drift + 1 (a slow typist, a device clock a little off);
 * - only a step greater than the last accepted one: each code once, never an older one;
 * - the accepted step gives the new drift (step − now), so a device whose clock runs fast or slow
 *   over months is followed as long as it is used now and then.
 * Every candidate is computed and compared in constant time, whichever matches.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const PERIOD_S = 30;
export const DIGITS = 6;
/** How far before and after the expected step (now + drift) a code is accepted. */
export const WINDOW_BEFORE = 2;
export const WINDOW_AFTER = 1;

/** The TOTP step of a moment (epoch ms). */
export const stepAt = (nowMs: number): number => Math.floor(nowMs / 1000 / PERIOD_S);

/** RFC 4226's HOTP value of `counter`, as 6 digits. */
export function hotp(secret: Buffer, counter: number): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', secret).update(msg).digest();
  const offset = (mac[mac.length - 1] as number) & 0x0f;
  const bin = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(bin % 10 ** DIGITS).padStart(DIGITS, '0');
}

/** The code a device shows at `nowMs` whose clock is `driftSteps` off ours. */
export const codeAt = (secret: Buffer, nowMs: number, driftSteps = 0): string =>
  hotp(secret, stepAt(nowMs) + driftSteps);

export const isCodeFormat = (code: string): boolean => /^\d{6}$/.test(code);

/**
 * The step `code` is for, inside the window around now + drift and after `lastStep`; undefined
 * when none. All candidates are computed (the same work for a right and a wrong code).
 */
export function matchStep(
  secret: Buffer,
  code: string,
  nowMs: number,
  driftSteps: number,
  lastStep: number | null,
): number | undefined {
  const expected = stepAt(nowMs) + driftSteps;
  const typed = Buffer.from(code.padEnd(DIGITS, ' ').slice(0, DIGITS), 'utf8');
  let found: number | undefined;
  for (let step = expected - WINDOW_BEFORE; step <= expected + WINDOW_AFTER; step++) {
    const same = timingSafeEqual(Buffer.from(hotp(secret, step), 'utf8'), typed);
    if (same && found === undefined && (lastStep === null || step > lastStep)) found = step;
  }
  return found;
}
