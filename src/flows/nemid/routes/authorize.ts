/**
 * GET /nemid/authorize?client_id&redirect_uri&state[&response_type=code]
 * Rules:
 *   the client and its exact redirect URI are registered   (else an error page, never a redirect)
 *   state is present, 1–200 characters                     (the client's CSRF protection)
 *   the new flow is bound to this browser                  (cookie nemid_bind, its hash in the row)
 *   the flow lives 10 minutes                              (NemidLoginStore.create)
 */
import type { FastifyInstance } from 'fastify';
import { may, redirectUriAllowed } from '../../../core/clients/index.ts';
import { refuse } from '../../../core/errors/index.ts';
import { perAddressMax } from '../../../platform/http/perAddress.ts';
import { bindBrowser } from '../browserBinding.ts';
import { loginPath, type NemidContext } from '../nemidContext.ts';
import { nemidPolicy } from '../nemidPolicy.ts';

const param = (q: unknown, name: string, max: number): string | undefined => {
  const v = (q as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' && v.length > 0 && v.length <= max ? v : undefined;
};

export function registerAuthorize(app: FastifyInstance, ctx: NemidContext): void {
  const { random, clock } = ctx.deps;
  app.get(
    '/nemid/authorize',
    { config: { rateLimit: { max: perAddressMax('pages'), timeWindow: 60_000 } } },
    async (req, reply) => {
      const clientId = param(req.query, 'client_id', 100);
      const redirectUri = param(req.query, 'redirect_uri', 1000);
      const state = param(req.query, 'state', nemidPolicy.maxFieldLength);
      const responseType = (req.query as Record<string, unknown>).response_type;
      // An active client holding nemid.login, and one of its redirect URIs exactly.
      const client = clientId ? await ctx.clients.get(clientId) : undefined;
      const usable =
        client && redirectUri && may(client, 'nemid.login') && redirectUriAllowed(client, redirectUri);
      if (!client || !redirectUri || !usable) throw refuse('ERR_BAD_REQUEST');
      if (!state || (responseType !== undefined && responseType !== 'code')) {
        throw refuse('ERR_BAD_REQUEST');
      }
      const id = random.token(16);
      await ctx.logins.create({
        id,
        clientId: client.id,
        redirectUri,
        clientState: state,
        browserHash: bindBrowser(req, reply, random, ctx.secure),
        now: clock.now().getTime(),
      });
      return reply.redirect(loginPath(id), 302);
    },
  );
}
