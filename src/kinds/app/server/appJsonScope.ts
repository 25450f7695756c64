/**
 * What every route of the app protocol and the transaction API gets, inside its own Fastify scope:
 *   JSON bodies kept as bytes too       (a signed request's signature covers the exact bytes)
 *   errors as { error, message, reference, … }  (the catalogue's app/v1 names, useErrors; the
 *                                       message in Accept-Language's language)
 *   internals never in an answer        (an unknown error is server_error, logged with its stack)
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { useErrors } from '../../../platform/http/errorWire.ts';
import { refuse } from './appErrors.ts';

const rawBodies = new WeakMap<FastifyRequest, Buffer>();
const empty = Buffer.alloc(0);

/** The body's bytes as received (empty for a call without a body). */
export const rawBodyOf = (req: FastifyRequest): Buffer => rawBodies.get(req) ?? empty;

/** The JSON body as an object ({} when there is none); never a prototype-polluting value. */
export function bodyOf(req: FastifyRequest): Record<string, unknown> {
  const b = req.body;
  return typeof b === 'object' && b !== null && !Array.isArray(b) ? (b as Record<string, unknown>) : {};
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
        done(refuse('invalid_request'), undefined);
      }
    },
  );
  // The service API's Basic challenge names its realm; a device's is `MitID-Device` (the catalogue's).
  useErrors(scope, 'app/v1', { realm: 'mitid-transactions', notFound: opts.notFound ?? false });
}
