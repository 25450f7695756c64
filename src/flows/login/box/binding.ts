/**
 * The box's binding cookie (decision 0012 §3 step 2): 32 random bytes the box sets the first time
 * a browser opens it, HttpOnly, SameSite=Lax, Secure on https, its path the mount's prefix. The
 * authentication keeps only `browserHash` = SHA-256 of it, so the result can be consumed by the
 * browser that started the login and by no other (a callback replayed elsewhere gets nothing).
 * Also the cookie naming the kind used last in this browser, which the box offers first (it says
 * nothing about any user-ID: it is this browser's, set when a login through it succeeded).
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const BINDING_COOKIE = 'mitid_box';
export const LAST_KIND_COOKIE = 'mitid_last_kind';
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export const browserHashOf = (token: string): string =>
  createHash('sha256').update(token, 'utf8').digest('base64url');

/** The browser's binding token, or undefined when it has none (or a malformed one). */
export function bindingOf(req: FastifyRequest): string | undefined {
  const v = req.cookies[BINDING_COOKIE];
  return typeof v === 'string' && TOKEN.test(v) ? v : undefined;
}

export const bindingCookieOptions = (prefix: string, secure: boolean) => ({
  path: prefix,
  httpOnly: true,
  sameSite: 'lax' as const,
  secure,
});

/** The browser's binding token; a new one is made and set when it has none. */
export function ensureBinding(
  req: FastifyRequest,
  reply: FastifyReply,
  prefix: string,
  secure: boolean,
  token: () => string,
): string {
  const existing = bindingOf(req);
  if (existing) return existing;
  const made = token();
  reply.setCookie(BINDING_COOKIE, made, bindingCookieOptions(prefix, secure));
  // Later reads in this request see it too.
  req.cookies[BINDING_COOKIE] = made;
  return made;
}
