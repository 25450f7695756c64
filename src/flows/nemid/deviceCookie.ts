/**
 * The NemID device cookie (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): a
 * browser that completed a NemID login (password and key code) for a user-ID is trusted for that
 * user-ID. The cookie `nemid_device` (signed with the service's cookie key, HttpOnly) holds up to
 * 5 entries `tag.nonce.issuedAt`:
 *   tag      HMAC-SHA256 of the normalised user-ID under a key derived from the cookie key, so the
 *            cookie names the user-ID without showing it (a user-ID may be a CPR number);
 *   nonce    random, 128 bits: the trusted browser's failures count on `d:` + SHA-256(nonce);
 *   issuedAt the login that issued it; an entry is trusted for 180 days from then.
 * A forged or altered cookie fails the signature and gives no trust; an entry for another user-ID
 * has another tag and gives no trust for this one. Each completed login issues a fresh nonce.
 */
import { createHmac } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Secrets, serverSecretOf } from '../../config/secrets.ts';
import type { Random } from '../../platform/random.ts';
import { sameSecret } from '../../platform/sameSecret.ts';
import { sha256 } from './loginStore.ts';
import { nemidPolicy } from './nemidPolicy.ts';

export const DEVICE_COOKIE = 'nemid_device';

interface DeviceEntry {
  tag: string;
  nonce: string;
  issuedAt: number;
}

const tagKeys = new Map<string, Buffer>();

/** The user-ID's tag: names it in the device cookie and in its counter key, known or not. */
export function userTag(secrets: Secrets, userIdNorm: string): string {
  const secret = serverSecretOf(secrets);
  let key = tagKeys.get(secret);
  if (!key) {
    key = createHmac('sha256', secret).update('nemid user-ID tag v1').digest();
    tagKeys.set(secret, key);
  }
  return createHmac('sha256', key).update(userIdNorm).digest('base64url');
}

/** The counter key of a trusted browser's device-cookie nonce. */
export const deviceCounterKey = (nonce: string): string => `d:${sha256(nonce)}`;

function readEntries(req: FastifyRequest): DeviceEntry[] {
  const raw = req.cookies[DEVICE_COOKIE];
  if (!raw || raw.length > 2000) return [];
  const unsigned = req.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return [];
  const entries: DeviceEntry[] = [];
  for (const part of unsigned.value.split('~').slice(0, nemidPolicy.deviceCookieMaxEntries)) {
    const [tag, nonce, issued] = part.split('.');
    const issuedAt = Number(issued);
    if (tag && nonce && nonce.length >= 16 && Number.isSafeInteger(issuedAt))
      entries.push({ tag, nonce, issuedAt });
  }
  return entries;
}

/** This browser's device-cookie nonce for the user-ID with `tag`, if it has a valid one. */
export function deviceNonceFor(req: FastifyRequest, tag: string, now: number): string | undefined {
  for (const e of readEntries(req)) {
    const fresh = e.issuedAt <= now && now < e.issuedAt + nemidPolicy.deviceCookieMaxAgeMs;
    if (fresh && sameSecret(e.tag, tag)) return e.nonce;
  }
  return undefined;
}

/**
 * Trusts this browser for the user-ID with `tag` from now: a fresh nonce replaces its entry for
 * that user-ID, the most recent other entries are kept. Returns the new nonce.
 */
export function trustBrowser(
  req: FastifyRequest,
  reply: FastifyReply,
  opts: { tag: string; random: Random; now: number; secure: boolean },
): string {
  const nonce = opts.random.token(16);
  const others = readEntries(req).filter((e) => !sameSecret(e.tag, opts.tag));
  const entries = [{ tag: opts.tag, nonce, issuedAt: opts.now }, ...others].slice(
    0,
    nemidPolicy.deviceCookieMaxEntries,
  );
  reply.setCookie(DEVICE_COOKIE, entries.map((e) => `${e.tag}.${e.nonce}.${e.issuedAt}`).join('~'), {
    path: '/nemid',
    httpOnly: true,
    sameSite: 'lax',
    secure: opts.secure,
    signed: true,
    maxAge: Math.floor(nemidPolicy.deviceCookieMaxAgeMs / 1000),
  });
  return nonce;
}
