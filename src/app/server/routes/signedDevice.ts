/**
 * The check in front of every call after activation (docs/protocols/app.md, "Signed device
 * requests"). One answer for every failure, 401 invalid_device_signature:
 *   the three headers are there and well-formed
 *   the device in the header is the one in the path
 *   the timestamp is within ±60 s of the server's clock
 *   the device exists, is active, and its identity is active
 *   the signature (P-256, IEEE P1363) verifies over deviceRequestString with the body's bytes
 *   the same signed content has not been seen before (a replay within the window is refused)
 * Two statements: the device, its identity and the transaction the path names (:tx) are read in
 * one (DeviceStore.forSignedRequest); the replay record is the other.
 * Then the device's own budget: DEVICE_CALLS_PER_MINUTE signed calls a minute, counted in the
 * database (every node sees it) and only once the signature has verified, so nobody but the
 * device can spend it: beyond it, 429 rate_limited with Retry-After.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RateCounters } from '../../../platform/http/RateCounters.ts';
import { refuse } from '../appErrors.ts';
import { rawBodyOf } from '../appJsonScope.ts';
import type { AppServerContext } from '../appServerContext.ts';
import { isBase64url } from '../base64url.ts';
import type { Device, SignedTransaction, SigningIdentity } from '../DeviceStore.ts';
import { deviceRequestString } from '../deviceRequestString.ts';
import { verifyEcdsa } from '../verifyEcdsa.ts';

export const CLOCK_SKEW_MS = 60_000;

/**
 * Signed calls a device may make in a minute: the app on its home screen asks for what waits
 * every 3 s (20 a minute) and an approval takes 3 or 4 calls, so 120 leaves room for a few open
 * windows and retries, while a device that hammers is stopped.
 */
export const DEVICE_CALLS_PER_MINUTE = 120;
export const DEVICE_WINDOW_MS = 60_000;

export interface SignedDevice {
  device: Device;
  /** Without its contacts: read them (IdentityStore.getById) where they are needed. */
  identity: SigningIdentity;
  /** The transaction named by the path's :tx, read with the device, if it is the person's. */
  transaction: SignedTransaction | undefined;
}

const verified = new WeakMap<FastifyRequest, SignedDevice>();

/** The device a signed request came from (only after signedDevice has run on the route). */
export function deviceOf(req: FastifyRequest): SignedDevice {
  const d = verified.get(req);
  if (!d) throw new Error('signedDevice did not run on this route');
  return d;
}

const header = (req: FastifyRequest, name: string): string | undefined => {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
};

export function signedDevice(ctx: AppServerContext) {
  const counters = new RateCounters(ctx.deps.db);
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const deviceId = header(req, 'x-mitid-device');
    const timestamp = header(req, 'x-mitid-timestamp');
    const signature = header(req, 'x-mitid-signature');
    const params = req.params as Record<string, unknown>;
    const pathId = params.id;
    if (!deviceId || !timestamp || !signature || deviceId !== pathId)
      throw refuse('invalid_device_signature');
    if (!/^\d{1,16}$/.test(timestamp) || !isBase64url(signature, 86))
      throw refuse('invalid_device_signature');
    if (Math.abs(ctx.now() - Number(timestamp)) > CLOCK_SKEW_MS) throw refuse('invalid_device_signature');
    const now = ctx.now();
    const found = await ctx.devices.forSignedRequest(
      deviceId,
      typeof params.tx === 'string' ? params.tx : undefined,
      now,
    );
    if (found?.device.status !== 'active' || found.identity.status !== 'active')
      throw refuse('invalid_device_signature');
    const { device, identity, transaction } = found;
    const signed = deviceRequestString(req.method, req.url, timestamp, rawBodyOf(req));
    if (!verifyEcdsa(device.publicKey, signed, signature)) throw refuse('invalid_device_signature');
    // Remember the signed content until it could no longer pass the clock check; a second sight
    // of it is a replay. Kept in the database so every MitID node sees it.
    const seen = await ctx.deps.db
      .insertInto('app_signed_requests')
      .values({
        request_hash: createHash('sha256').update(`${deviceId}\n`).update(signed).digest('base64url'),
        device_id: deviceId,
        expires_at: Number(timestamp) + 2 * CLOCK_SKEW_MS,
      })
      .onConflict((oc) => oc.column('request_hash').doNothing())
      .executeTakeFirst();
    if (Number(seen.numInsertedOrUpdatedRows ?? 0n) !== 1) throw refuse('invalid_device_signature');
    const hit = await counters.hit('device', device.id, DEVICE_CALLS_PER_MINUTE, DEVICE_WINDOW_MS, ctx.now());
    if (!hit.ok) {
      reply.header('retry-after', String(Math.ceil(hit.retryAfterMs / 1000)));
      throw refuse('rate_limited');
    }
    verified.set(req, { device, identity, transaction });
  };
}
