/**
 * Per-address throttles (docs/decisions/0003-rate-limits.md). A route names its class and the
 * number comes from the configuration (RATE_LIMIT_PAGES, _ACTIVATION, _DEVICE, _API), read when
 * the request is counted, so one route line serves every deployment:
 *
 *   app.post('/x', { config: { rateLimit: { max: perAddressMax('pages'), timeWindow: 60_000 } } }, h)
 *
 * These throttles are a node's own (@fastify/rate-limit's memory store) and only slow one address
 * down; they never protect a credential. Limits that do are counted in the database per device,
 * per client or per flow (RateCounters), so every node sees them and a shared address (a proxy,
 * a carrier's NAT) does not make strangers share them. The client address is the socket's, or
 * the X-Forwarded-For entry that the proxies in TRUST_PROXY vouch for.
 */
import type { FastifyRequest } from 'fastify';

/**
 * Per-address throttles, requests per minute per client address and route (docs/decisions/0003):
 * pages    the browser flows (NemID, enrollment, Min Bank's login)
 * activation the app's activation steps (no credential yet)
 * device   the app's signed device calls (also limited per device in the database)
 * api      the server-to-server APIs (RA API, service transactions, NemID token)
 */
export interface PerAddressLimits {
  pages: number;
  activation: number;
  device: number;
  api: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The per-address throttles of this app, by class (set by createApp). */
    perAddressLimits: PerAddressLimits;
  }
}

export type RateLimitClass = keyof PerAddressLimits;

export const RATE_WINDOW_MS = 60_000;

/** The `max` of a route's rateLimit option for class `cls` (per RATE_WINDOW_MS). */
export function perAddressMax(cls: RateLimitClass): (req: FastifyRequest) => number {
  return (req) => req.server.perAddressLimits[cls];
}

/** The whole rateLimit option of a route of class `cls`. */
export function perAddress(cls: RateLimitClass): {
  max: (req: FastifyRequest) => number;
  timeWindow: number;
} {
  return { max: (req) => req.server.perAddressLimits[cls], timeWindow: RATE_WINDOW_MS };
}
