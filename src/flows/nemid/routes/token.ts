/**
 * POST /nemid/token: the client exchanges the one-time code for the identity (back channel).
 * Rules (RFC 6749 §4.1.3, §5.2):
 *   no CSRF (not a form): HTTP Basic client authentication instead   → 401 invalid_client
 *   grant_type=authorization_code                                    → 400 unsupported_grant_type
 *   code and redirect_uri present                                    → 400 invalid_request
 *   the code is this client's, for this redirect_uri, unused, ≤ 60 s → 400 invalid_grant
 *     (redeemed by one atomic UPDATE: a replayed code never works twice)
 *   answers are never cached
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { perAddressMax } from '../../../platform/http/perAddress.ts';
import { formField, type NemidContext } from '../nemidContext.ts';
import { redeemNemidCode } from '../redeemNemidCode.ts';

function oauthError(reply: FastifyReply, status: number, error: string): FastifyReply {
  if (status === 401) reply.header('www-authenticate', 'Basic realm="nemid"');
  return reply.code(status).header('cache-control', 'no-store').header('pragma', 'no-cache').send({ error });
}

export function registerToken(app: FastifyInstance, ctx: NemidContext): void {
  app.post(
    '/nemid/token',
    { config: { csrf: false, rateLimit: { max: perAddressMax('api'), timeWindow: 60_000 } } },
    async (req, reply) => {
      // An internal client (MitID.dk) has no secret and never gets here; one without
      // nemid.login is answered as a wrong secret.
      const client = await ctx.clients.authenticateBasic(req.headers.authorization, 'nemid.login');
      if (!client) {
        req.log.info({ event: 'nemid.token.invalid_client' }, 'NemID token: client authentication failed');
        return oauthError(reply, 401, 'invalid_client');
      }
      const grantType = formField(req.body, 'grant_type');
      const code = formField(req.body, 'code');
      const redirectUri = formField(req.body, 'redirect_uri');
      if (grantType !== undefined && grantType !== 'authorization_code') {
        return oauthError(reply, 400, 'unsupported_grant_type');
      }
      if (!grantType || !code || !redirectUri || code.length > 200 || redirectUri.length > 1000) {
        return oauthError(reply, 400, 'invalid_request');
      }
      const now = ctx.deps.clock.now().getTime();
      const body = await redeemNemidCode(ctx.deps.db, now, client.id, redirectUri, code);
      if (!body) {
        req.log.info({ event: 'nemid.token.invalid_grant' }, 'NemID token: code refused');
        return oauthError(reply, 400, 'invalid_grant');
      }
      return reply.header('cache-control', 'no-store').header('pragma', 'no-cache').send(body);
    },
  );
}
