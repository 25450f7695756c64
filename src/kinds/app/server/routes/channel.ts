/**
 * POST /api/app/v1/devices/:id/channel (signed) { "qr": "<scanned text>" } | { "code": "<typed digits>" }
 * The app proves that its person holds the screen of a login box (decision 0012 §3.4): only then
 * does the browser-bound authentication move awaiting_channel → pending and appear in
 * GET /devices/:id/transactions. Steps, in order:
 *   the signed request (signedDevice: the device and its identity active, not replayed)
 *   exactly one of qr (≤ 200 characters) or code (≤ 20)           (else invalid_request)
 *   the try is counted per device BEFORE anything is compared, in the database (RateCounters,
 *     scope app-channel): more than CHANNEL_MAX_WRONG in the CHANNEL_WINDOW_MS window → 429
 *     rate_limited with Retry-After until the window ends; a right proof takes its count back, so
 *     only wrong ones stay; parallel guesses cannot pass the limit together. Only the device's own
 *     signed requests count: a stranger cannot make the owner's device be refused.
 *   the person's authentications awaiting a channel for the app (Authentications.awaitingChannel)
 *     matched with matchChannelProof (channelBinding.ts: the QR of the last QR_PAST_S seconds, or
 *     the typed code; spaces and dashes in it are ignored)     (else 400 wrong_channel_proof)
 *   awaiting_channel → pending (Authentications.verifyChannel, one conditional UPDATE): of two
 *     proofs at once one verifies, the other is answered 409 transaction_not_pending
 * Answer: 200 { transactionId }; the app then reads it with GET /devices/:id/transactions.
 */
import type { FastifyInstance } from 'fastify';
import type { ChannelProof } from '../../../../core/authentications/index.ts';
import { matchChannelProof } from '../../../../core/authentications/index.ts';
import { perAddressMax } from '../../../../platform/http/perAddress.ts';
import { RateCounters } from '../../../../platform/http/RateCounters.ts';
import { refuse } from '../appErrors.ts';
import { bodyOf } from '../appJsonScope.ts';
import type { AppServerContext } from '../appServerContext.ts';
import { deviceOf, signedDevice } from './signedDevice.ts';

/** Wrong proofs a device may send in one window; the next is refused until the window ends. */
export const CHANNEL_MAX_WRONG = 5;
export const CHANNEL_WINDOW_MS = 10 * 60_000;
const SCOPE = 'app-channel';

function proofOf(body: Record<string, unknown>): ChannelProof {
  const keys = Object.keys(body);
  if (keys.length !== 1) throw refuse('invalid_request');
  const { qr, code } = body;
  if (typeof qr === 'string' && qr.length >= 1 && qr.length <= 200) return { qr };
  if (typeof code === 'string' && code.length >= 1 && code.length <= 20) return { code };
  throw refuse('invalid_request');
}

export function registerChannel(api: FastifyInstance, ctx: AppServerContext): void {
  const counters = new RateCounters(ctx.deps.db);
  api.post(
    '/devices/:id/channel',
    {
      config: { csrf: false, rateLimit: { max: perAddressMax('device'), timeWindow: 60_000 } },
      preHandler: signedDevice(ctx),
    },
    async (req, reply) => {
      const { device, identity } = deviceOf(req);
      const proof = proofOf(bodyOf(req));
      const at = ctx.now();
      const hit = await counters.hit(SCOPE, device.id, CHANNEL_MAX_WRONG, CHANNEL_WINDOW_MS, at);
      if (!hit.ok) {
        req.log.warn({ deviceId: device.id }, 'app channel proofs: too many wrong');
        reply.header('retry-after', String(Math.max(1, Math.ceil(hit.retryAfterMs / 1000))));
        throw refuse('rate_limited');
      }
      const candidates = await ctx.authentications.awaitingChannel(identity.id, 'app');
      const id = matchChannelProof(proof, candidates, ctx.now());
      if (id === undefined) {
        req.log.info({ deviceId: device.id, by: 'qr' in proof ? 'qr' : 'code' }, 'app channel proof wrong');
        throw refuse('wrong_channel_proof', { attemptsLeft: CHANNEL_MAX_WRONG - hit.hits });
      }
      // Not a guess: its count is taken back whether it verifies now or a parallel one did.
      await counters.refund(SCOPE, device.id, CHANNEL_WINDOW_MS, at);
      if (!(await ctx.authentications.verifyChannel(id, device.id))) throw refuse('transaction_not_pending');
      req.log.info({ deviceId: device.id, authenticationId: id }, 'app channel proved');
      return reply.header('cache-control', 'no-store').send({ transactionId: id });
    },
  );
}
