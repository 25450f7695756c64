/**
 * The check in front of every call after activation (docs/protocols/app.md, "Signed device
 * requests"). One answer for every failure, 401 invalid_device_signature:
 *   the three headers are there and well-formed
 *   the device in the header is the one in the path
 *   the timestamp is within ±60 s of the server's clock
 *   the device exists, is active, and its identity is active
 *   the signature (P-256, IEEE P1363) verifies over deviceRequestString with the body's bytes
 *   the same signed content has not been seen before (a replay within the window is refused)
 * Two statements: the device (its authenticator, PIN, identity) and the authentication the path
 * names (:tx), or on the list route every one the device may see, are read in one
 * (DeviceStore.forSignedRequest); the replay record is the other.
 * The replay record is also the device's budget: RATE_LIMIT_PER_DEVICE signed calls in any 60
 * seconds (a sliding window by the server's clock), counted in the database (every node sees it)
 * and only once the signature has verified, so nobody but the device can spend it. One statement
 * records the call only while the device's records of the last minute are fewer than the budget;
 * when it records nothing, a second look tells a replay (401) from a spent budget (429
 * rate_limited with Retry-After). Parallel calls of one device may pass the budget by the few that
 * were in flight together: it slows a device down, it guards no secret.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Authentication } from '../../../../core/authentications/index.ts';
import { refuse } from '../appErrors.ts';
import { rawBodyOf } from '../appJsonScope.ts';
import type { AppServerContext } from '../appServerContext.ts';
import { isBase64url } from '../base64url.ts';
import type { Device, SigningIdentity } from '../DeviceStore.ts';
import { deviceRequestString } from '../deviceRequestString.ts';
import { verifyEcdsa } from '../verifyEcdsa.ts';

export const CLOCK_SKEW_MS = 60_000;

/**
 * A replay record is kept until its timestamp could no longer pass the clock check: the timestamp
 * is at most CLOCK_SKEW_MS ahead of the server, so `now + 2 × CLOCK_SKEW_MS` (server time) covers
 * it, and the records of the last minute are those that expire after `now + CLOCK_SKEW_MS`.
 */
export const DEVICE_WINDOW_MS = 60_000;
const RECORD_LIFE_MS = 2 * CLOCK_SKEW_MS;

export interface SignedDevice {
  device: Device;
  /** Without its contacts: read them (IdentityStore.getById) where they are needed. */
  identity: SigningIdentity;
  /** The authentication named by the path's :tx, read with the device, if it is the person's. */
  transaction: Authentication | undefined;
  /** On the list route (`pending`): what the device may see, read with the device. */
  pending: Authentication[];
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

/** `pending`: the route lists what waits (read in the same statement as the device). */
export function signedDevice(ctx: AppServerContext, opts: { pending?: true } = {}) {
  const budget = ctx.deps.config.rateLimitPerDevice;
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
      opts.pending
        ? { pending: true }
        : { transactionId: typeof params.tx === 'string' ? params.tx : undefined },
      now,
    );
    if (found?.device.status !== 'active' || found.identity.status !== 'active')
      throw refuse('invalid_device_signature');
    const { device, identity, transaction, pending } = found;
    const signed = deviceRequestString(req.method, req.url, timestamp, rawBodyOf(req));
    if (!verifyEcdsa(device.publicKey, signed, signature)) throw refuse('invalid_device_signature');
    // Remember the signed content until it could no longer pass the clock check; a second sight
    // of it is a replay. Kept in the database so every MitID node sees it.
    const requestHash = createHash('sha256').update(`${deviceId}\n`).update(signed).digest('base64url');
    const windowEnd = now + RECORD_LIFE_MS - DEVICE_WINDOW_MS;
    const db = ctx.deps.db;
    const recent = db
      .selectFrom('app_signed_requests')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('device_id', '=', deviceId)
      .where('expires_at', '>', windowEnd);
    const seen = await db
      .insertInto('app_signed_requests')
      .columns(['request_hash', 'device_id', 'expires_at'])
      .expression(
        db
          .selectNoFrom([
            sql<string>`${requestHash}`.as('request_hash'),
            sql<string>`${deviceId}`.as('device_id'),
            sql<number>`${now + RECORD_LIFE_MS}`.as('expires_at'),
          ])
          .where(recent, '<', budget),
      )
      .onConflict((oc) => oc.column('request_hash').doNothing())
      .executeTakeFirst();
    if (Number(seen.numInsertedOrUpdatedRows ?? 0n) !== 1) {
      const replay = await db
        .selectFrom('app_signed_requests')
        .select('request_hash')
        .where('request_hash', '=', requestHash)
        .executeTakeFirst();
      if (replay) throw refuse('invalid_device_signature');
      const oldest = await db
        .selectFrom('app_signed_requests')
        .select((eb) => eb.fn.min<number>('expires_at').as('at'))
        .where('device_id', '=', deviceId)
        .where('expires_at', '>', windowEnd)
        .executeTakeFirst();
      const retryAfterMs = Math.max(1000, Number(oldest?.at ?? now + RECORD_LIFE_MS) - windowEnd);
      reply.header('retry-after', String(Math.ceil(retryAfterMs / 1000)));
      throw refuse('rate_limited');
    }
    verified.set(req, { device, identity, transaction, pending });
  };
}
