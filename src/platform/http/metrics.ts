/**
 * Prometheus metrics: one registry per app, so several apps can live in one test process.
 * Who may read /metrics is a setting (METRICS): `off` (no route: 404), `open` (anyone; the
 * default only with DEV_PAGES=true) or `token` (`Authorization: Bearer <METRICS_TOKEN>`, compared
 * in constant time; anything else 401).
 */
import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { dbStatements } from '../db/database.ts';
import { sameSecret } from '../sameSecret.ts';
import { refuse } from './errors.ts';

export type MetricsAccess = { mode: 'off' } | { mode: 'open' } | { mode: 'token'; token: string };

export function registerMetrics(
  app: FastifyInstance,
  service: string,
  access: MetricsAccess,
): Registry | undefined {
  if (access.mode === 'off') return undefined;
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  registry.registerMetric(dbStatements);
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method and route',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  app.addHook('onResponse', async (req, reply) => {
    // The route pattern, never the raw URL: keeps label cardinality bounded and ids out.
    const route = req.routeOptions.url ?? 'unmatched';
    requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    duration.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { config: { csrf: false } }, async (req, reply) => {
    if (access.mode === 'token') {
      const given = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      if (!sameSecret(given, access.token)) {
        reply.header('www-authenticate', 'Bearer realm="metrics"');
        throw refuse('ERR_UNAUTHORIZED');
      }
    }
    reply.type(registry.contentType);
    return registry.metrics();
  });
  return registry;
}
