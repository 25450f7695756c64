/**
 * POST /nemid/token: the client exchanges the one-time code for the identity (back channel).
 * Rules (RFC 6749 §4.1.3, §5.2):
 *   no CSRF (not a form): HTTP Basic client authentication instead   → 401 invalid_client
 *   grant_type=authorization_code                                    → 400 unsupported_grant_type
 *   code and redirect_uri present                                    → 400 invalid_request
 *   the code is this client's, for this redirect_uri, unused, ≤ 60 s → 400 invalid_grant
 *     (redeemed by one atomic UPDATE: a replayed code never works twice)
 *   answers are never cached
 * The refusals are the error catalogue's (src/core/errors), written in RFC 6749's shape by the
 * scope's `oauth` writer (`{ error }`, Cache-Control: no-store, Pragma: no-cache).
 */
import type { FastifyInstance } from 'fastify';
import { type ErrorCode, refuse } from '../../../core/errors/index.ts';
import { useErrors } from '../../../platform/http/errorWire.ts';
import { perAddressMax } from '../../../platform/http/perAddress.ts';
import { formField, type NemidContext } from '../nemidContext.ts';
import { redeemNemidCode } from '../redeemNemidCode.ts';

/** Why the token endpoint refuses, and the catalogue code (its RFC 6749 name) of each. */
export type TokenRefusal = 'invalidClient' | 'unsupportedGrantType' | 'invalidRequest' | 'invalidGrant';
export const tokenErrorCodes = {
  invalidClient: 'ERR_INVALID_CLIENT', // 401 invalid_client
  unsupportedGrantType: 'ERR_GRANT_TYPE_UNSUPPORTED', // 400 unsupported_grant_type
  invalidRequest: 'ERR_BAD_REQUEST', // 400 invalid_request
  invalidGrant: 'ERR_GRANT_INVALID', // 400 invalid_grant
} as const satisfies Record<TokenRefusal, ErrorCode>;

export function registerToken(app: FastifyInstance, ctx: NemidContext): void {
  app.register(async (scope) => {
    useErrors(scope, 'oauth', { realm: 'nemid' });
    registerTokenRoute(scope, ctx);
  });
}

function registerTokenRoute(app: FastifyInstance, ctx: NemidContext): void {
  app.post(
    '/nemid/token',
    { config: { csrf: false, rateLimit: { max: perAddressMax('api'), timeWindow: 60_000 } } },
    async (req, reply) => {
      // An internal client (MitID.dk) has no secret and never gets here; one without
      // nemid.login is answered as a wrong secret.
      const client = await ctx.clients.authenticateBasic(req.headers.authorization, 'nemid.login');
      if (!client) {
        req.log.info({ event: 'nemid.token.invalid_client' }, 'NemID token: client authentication failed');
        throw refuse(tokenErrorCodes.invalidClient);
      }
      const grantType = formField(req.body, 'grant_type');
      const code = formField(req.body, 'code');
      const redirectUri = formField(req.body, 'redirect_uri');
      if (grantType !== undefined && grantType !== 'authorization_code') {
        throw refuse(tokenErrorCodes.unsupportedGrantType);
      }
      if (!grantType || !code || !redirectUri || code.length > 200 || redirectUri.length > 1000) {
        throw refuse(tokenErrorCodes.invalidRequest);
      }
      const now = ctx.deps.clock.now().getTime();
      const body = await redeemNemidCode(ctx.deps.db, now, client.id, redirectUri, code);
      if (!body) {
        req.log.info({ event: 'nemid.token.invalid_grant' }, 'NemID token: code refused');
        throw refuse(tokenErrorCodes.invalidGrant);
      }
      return reply.header('cache-control', 'no-store').header('pragma', 'no-cache').send(body);
    },
  );
}
