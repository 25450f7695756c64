/**
 * Structured logs (pino) that never contain secrets or CPR numbers in clear:
 * - cookies, authorization headers and form bodies are never logged;
 * - URLs are logged without their query string (it can carry one-time codes);
 * - any CPR-shaped number in any logged string is masked.
 * One line per request at info level, when it is answered (RequestLog); decision 0009.
 */
import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import type { LoggerOptions } from 'pino';

const cprPattern = /(?<!\d)(\d{6})-?(\d{4})(?!\d)/g;

export function maskCpr(value: string): string {
  return value.replace(cprPattern, '[CPR]');
}

function maskDeep(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return maskCpr(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return {
      type: value.name,
      message: maskCpr(value.message),
      stack: value.stack ? maskCpr(value.stack) : undefined,
    };
  }
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  // Only plain objects are walked: requests, replies and the like go to their serializers intact.
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskDeep(v, depth + 1);
  return out;
}

export const redactPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password',
  '*.pin',
  '*.code',
  '*.secret',
  '*.token',
];

export function loggerOptions(level: string, name: string): LoggerOptions {
  return {
    level,
    name,
    redact: { paths: redactPaths, censor: '[REDACTED]' },
    formatters: {
      log: (obj) => maskDeep(obj, 0) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        method.apply(
          this,
          args.map((a) => (typeof a === 'string' ? maskCpr(a) : a)) as Parameters<typeof method>,
        );
      },
    },
    serializers: {
      req: (req: FastifyRequest) => ({
        method: req.method,
        url: maskCpr((req.url ?? '').split('?')[0] ?? ''),
        remoteAddress: req.ip,
      }),
    },
  };
}

/**
 * Fastify's request lines, one per request instead of two: "request completed" carries the
 * request (method, path, address) with the status and the time, and "incoming request" is logged
 * only at debug level (for a request that never finishes). Writing the log lines was about a
 * tenth of the service's CPU in an app approval (four requests, three more lines of their own).
 */
export class RequestLog extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    if (this.isLogDisabled(request)) return;
    request.log.debug({ req: request }, 'incoming request');
  }
  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (this.isLogDisabled(request)) return;
    if (error) {
      reply.log.error(
        { req: request, res: reply, err: error, responseTime: reply.elapsedTime },
        'request errored',
      );
    } else {
      reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
    }
  }
}
