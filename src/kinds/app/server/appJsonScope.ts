/**
 * What every route of the app protocol and the transaction API gets, inside its own Fastify scope:
 *   JSON bodies kept as bytes too       (a signed request's signature covers the exact bytes)
 *   errors as { error, message, … }     (appErrors.ts; the message in Accept-Language's language)
 *   internals never in an answer        (an unknown error is server_error, logged with its stack)
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { t } from '../../../i18n/catalogue.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { type AppErrorCode, AppProtocolError, appErrorStatus } from './appErrors.ts';
import { langOf } from './langOf.ts';

const rawBodies = new WeakMap<FastifyRequest, Buffer>();
const empty = Buffer.alloc(0);

/** The body's bytes as received (empty for a call without a body). */
export const rawBodyOf = (req: FastifyRequest): Buffer => rawBodies.get(req) ?? empty;

/** The JSON body as an object ({} when there is none); never a prototype-polluting value. */
export function bodyOf(req: FastifyRequest): Record<string, unknown> {
  const b = req.body;
  return typeof b === 'object' && b !== null && !Array.isArray(b) ? (b as Record<string, unknown>) : {};
}

export function sendAppError(req: FastifyRequest, reply: FastifyReply, err: AppProtocolError): FastifyReply {
  const lang = langOf(req.headers['accept-language']);
  if (err.code === 'invalid_device_signature') reply.header('www-authenticate', 'MitID-Device');
  if (err.code === 'invalid_client') reply.header('www-authenticate', 'Basic realm="mitid-transactions"');
  return reply
    .code(err.status)
    .header('cache-control', 'no-store')
    .header('content-language', lang)
    .send({ error: err.code, message: t(lang, `app.error.${err.code}`), ...err.details });
}

function codeFor(err: unknown): AppErrorCode {
  if (err instanceof AppProtocolError) return err.code;
  if (err instanceof AppError && err.code === 'ERR_RATE_LIMITED') return 'rate_limited';
  const status = (err as { statusCode?: number })?.statusCode;
  if (status === 429) return 'rate_limited';
  if (status === 413) return 'request_too_large';
  if (typeof status === 'number' && status >= 400 && status < 500)
    return status === 404 ? 'not_found' : 'invalid_request';
  return 'server_error';
}

/** `notFound`: answer unknown paths under the scope's prefix too (a scope with a prefix only). */
export function useAppJson(scope: FastifyInstance, opts: { notFound?: boolean } = {}): void {
  scope.removeContentTypeParser('application/json');
  scope.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: 32 * 1024 },
    (req, body, done) => {
      const bytes = body as Buffer;
      rawBodies.set(req, bytes);
      if (bytes.length === 0) return done(null, undefined);
      try {
        done(null, JSON.parse(bytes.toString('utf8')));
      } catch {
        done(new AppProtocolError('invalid_request'), undefined);
      }
    },
  );
  scope.setErrorHandler(async (err, req, reply) => {
    const code = codeFor(err);
    if (appErrorStatus[code] >= 500) req.log.error({ err }, 'app request failed');
    else req.log.info({ code }, 'app request refused');
    return sendAppError(req, reply, err instanceof AppProtocolError ? err : new AppProtocolError(code));
  });
  if (opts.notFound) {
    scope.setNotFoundHandler(async (req, reply) =>
      sendAppError(req, reply, new AppProtocolError('not_found')),
    );
  }
}
