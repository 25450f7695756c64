/**
 * The channel binding of a browser-bound authentication (the login box, issue 9; decision 0012):
 * the app may see a login only after it proved that the person holds the screen that started it,
 * by scanning the box's QR code or typing the box's short code.
 *
 * - The secret: 32 random bytes made when the box creates the authentication, kept in
 *   `authentications.channel_secret`, never sent to a device; the box shows values derived from it.
 * - The QR code changes every second: `mitid-login:v1:<authentication id>:<t>:<mac>` with `t` the
 *   whole seconds since the epoch and `mac` = base64url of the first 16 bytes of
 *   HMAC-SHA-256(secret, "qr\n" + id + "\n" + t). The server accepts a `t` from QR_PAST_S seconds
 *   ago up to QR_FUTURE_S ahead (a phone's slow camera, clocks a little apart), never later.
 * - The typed code, for those who cannot scan: TYPED_CODE_LENGTH digits from
 *   HMAC-SHA-256(secret, "typed\n" + id), the same for the whole authentication. Digits, because
 *   they are typed on a phone's number pad; six, because it only has to tell apart the few logins
 *   of one person open at once, and every wrong code counts against the device (the app's route).
 *
 * Pure: no clock, no database. Comparisons are in constant time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const QR_PREFIX = 'mitid-login:v1:';
/** How long a QR frame is accepted after it was drawn, and how far ahead of the server's clock. */
export const QR_PAST_S = 10;
export const QR_FUTURE_S = 2;
export const TYPED_CODE_LENGTH = 6;
/** The box draws a new frame this often. */
export const QR_REFRESH_MS = 1000;

export interface ChannelCandidate {
  id: string;
  secret: string;
}

const mac = (secret: string, message: string): Buffer =>
  createHmac('sha256', Buffer.from(secret, 'base64url')).update(message, 'utf8').digest();

const qrMac = (c: ChannelCandidate, t: number): string =>
  mac(c.secret, `qr\n${c.id}\n${t}`).subarray(0, 16).toString('base64url');

/** The QR text the box shows at `nowMs`. */
export function qrPayload(c: ChannelCandidate, nowMs: number): string {
  const t = Math.floor(nowMs / 1000);
  return `${QR_PREFIX}${c.id}:${t}:${qrMac(c, t)}`;
}

/** The short code the box shows, to be typed into the app. */
export function typedCode(c: ChannelCandidate): string {
  const n = mac(c.secret, `typed\n${c.id}`).readUInt32BE(0) % 10 ** TYPED_CODE_LENGTH;
  return String(n).padStart(TYPED_CODE_LENGTH, '0');
}

const same = (a: string, b: string): boolean => {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
};

export type ChannelProof = { qr: string } | { code: string };

/** Which of the person's authentications awaiting a channel the proof opens, or none. */
export function matchChannelProof(
  proof: ChannelProof,
  candidates: readonly ChannelCandidate[],
  nowMs: number,
): string | undefined {
  if ('code' in proof) {
    const code = proof.code.replace(/[\s-]/g, '');
    if (!/^[0-9]+$/.test(code) || code.length !== TYPED_CODE_LENGTH) return undefined;
    // Every candidate is compared, so the time does not tell which one matched.
    let found: string | undefined;
    for (const c of candidates) if (same(typedCode(c), code) && found === undefined) found = c.id;
    return found;
  }
  const parsed = parseQr(proof.qr);
  if (!parsed) return undefined;
  const now = Math.floor(nowMs / 1000);
  if (parsed.t < now - QR_PAST_S || parsed.t > now + QR_FUTURE_S) return undefined;
  const c = candidates.find((x) => x.id === parsed.id);
  return c && same(qrMac(c, parsed.t), parsed.mac) ? c.id : undefined;
}

/** The parts of a QR text, or undefined when it is not one of ours. */
export function parseQr(text: string): { id: string; t: number; mac: string } | undefined {
  if (typeof text !== 'string' || text.length > 200 || !text.startsWith(QR_PREFIX)) return undefined;
  const m = /^([0-9a-zA-Z_-]{1,64}):([0-9]{1,12}):([0-9a-zA-Z_-]{22})$/.exec(text.slice(QR_PREFIX.length));
  if (!m) return undefined;
  return { id: m[1] as string, t: Number(m[2]), mac: m[3] as string };
}
