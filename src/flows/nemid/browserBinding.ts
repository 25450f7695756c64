/**
 * Binds a login flow to the browser that started it (docs/protocols/nemid.md, "Flow binding"):
 * a random value in the signed HttpOnly cookie `nemid_bind`, its SHA-256 in the flow row. A
 * browser keeps one binding for all its flows, so two tabs can log on side by side.
 */

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Random } from '../../platform/random.ts';
import { sameSecret } from '../../platform/sameSecret.ts';
import { sha256 } from './loginStore.ts';

export const BIND_COOKIE = 'nemid_bind';

function currentBinding(req: FastifyRequest): string | undefined {
  const raw = req.cookies[BIND_COOKIE];
  if (!raw) return undefined;
  const unsigned = req.unsignCookie(raw);
  return unsigned.valid && unsigned.value && unsigned.value.length >= 32 ? unsigned.value : undefined;
}

/** The browser's binding hash, setting a new cookie if it has none yet. */
export function bindBrowser(
  req: FastifyRequest,
  reply: FastifyReply,
  random: Random,
  secure: boolean,
): string {
  let binding = currentBinding(req);
  if (!binding) {
    binding = random.token(32);
    reply.setCookie(BIND_COOKIE, binding, {
      path: '/nemid',
      httpOnly: true,
      sameSite: 'lax',
      secure,
      signed: true,
    });
  }
  return sha256(binding);
}

/** Whether this request comes from the browser whose binding hash is `expectedHash`. */
export function isSameBrowser(req: FastifyRequest, expectedHash: string): boolean {
  const binding = currentBinding(req);
  if (!binding) return false;
  return sameSecret(sha256(binding), expectedHash);
}
