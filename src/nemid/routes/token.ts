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
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fullName, PeopleStore } from '../../people/PeopleStore.ts';
import { sha256 } from '../loginStore.ts';
import { formField, type NemidContext } from '../nemidContext.ts';
import { nemidPolicy } from '../nemidPolicy.ts';

/** The token endpoint's answer: exactly these fields (style rule 10). */
export interface NemidTokenResponse {
  cpr: string;
  name: string;
  nemidUserId: string;
  /** Epoch milliseconds of the key-code step. */
  authenticatedAt: number;
  method: 'nemid-keycard';
}

function basicCredentials(req: FastifyRequest): { id: string; secret: string } | undefined {
  const m = /^Basic\s+([A-Za-z0-9+/=._~-]+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  // RFC 6749 §2.3.1: both parts are form-urlencoded before Basic encoding.
  const formDecode = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return s;
    }
  };
  return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
}

function oauthError(reply: FastifyReply, status: number, error: string): FastifyReply {
  if (status === 401) reply.header('www-authenticate', 'Basic realm="nemid"');
  return reply.code(status).header('cache-control', 'no-store').header('pragma', 'no-cache').send({ error });
}

export function registerToken(app: FastifyInstance, ctx: NemidContext): void {
  const people = new PeopleStore(ctx.deps.db);
  app.post(
    '/nemid/token',
    { config: { csrf: false, rateLimit: { max: nemidPolicy.tokenPerMinute, timeWindow: 60_000 } } },
    async (req, reply) => {
      const creds = basicCredentials(req);
      const client = creds ? ctx.clients.authenticate(creds.id, creds.secret) : undefined;
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
      const login = await ctx.logins.redeem(sha256(code), client.id, redirectUri, now);
      const person = login?.cpr ? await people.getByCpr(login.cpr) : undefined;
      const credential = person
        ? await ctx.deps.db
            .selectFrom('nemid_credentials')
            .select('user_id')
            .where('cpr', '=', person.cpr)
            .executeTakeFirst()
        : undefined;
      if (!login || !person || !credential) {
        req.log.info({ event: 'nemid.token.invalid_grant' }, 'NemID token: code refused');
        return oauthError(reply, 400, 'invalid_grant');
      }
      const body: NemidTokenResponse = {
        cpr: person.cpr,
        name: fullName(person),
        nemidUserId: credential.user_id,
        authenticatedAt: login.expiresAt - nemidPolicy.codeTtlMs,
        method: 'nemid-keycard',
      };
      return reply.header('cache-control', 'no-store').header('pragma', 'no-cache').send(body);
    },
  );
}
