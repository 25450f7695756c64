/** What the NemID routes share: the service's dependencies, the flow store and the clients. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceDeps } from '../../config/deps.ts';
import { type Client, type ClientRegistry, may } from '../../core/clients/index.ts';
import type { MitidDb } from '../../core/db/index.ts';
import { refuse } from '../../core/errors/index.ts';
import { isSameBrowser } from './browserBinding.ts';
import type { NemidLogin, NemidLoginStore } from './loginStore.ts';

export interface NemidContext {
  deps: ServiceDeps<MitidDb>;
  logins: NemidLoginStore;
  /** The one client registry (src/core/clients): NemID clients hold `nemid.login`. */
  clients: ClientRegistry;
  secure: boolean;
}

export const loginPath = (id: string): string => `/nemid/login/${encodeURIComponent(id)}`;

/**
 * The flow `id` of this browser. Unknown, or started in another browser → ERR_FLOW_NOT_FOUND
 * (the same answer: a stranger learns nothing about the flow); past its expiry → ERR_FLOW_EXPIRED.
 */
export async function loadBoundLogin(
  ctx: NemidContext,
  req: FastifyRequest,
  id: string,
): Promise<{ login: NemidLogin; client: Client }> {
  const login = id.length <= 64 ? await ctx.logins.get(id) : undefined;
  if (!login || !isSameBrowser(req, login.browserHash)) throw refuse('ERR_FLOW_NOT_FOUND');
  if (login.expiresAt <= ctx.deps.clock.now().getTime()) throw refuse('ERR_FLOW_EXPIRED');
  // A client disabled since the login began ends it (as an unknown flow: nothing to go back to).
  const client = await ctx.clients.get(login.clientId);
  if (!client || !may(client, 'nemid.login')) throw refuse('ERR_FLOW_NOT_FOUND');
  return { login, client };
}

/** Back to the service with the result (RFC 6749 §4.1.2): the code, or an error, and the state. */
export function clientRedirect(login: NemidLogin, params: Record<string, string>): string {
  const url = new URL(login.redirectUri);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  url.searchParams.set('state', login.clientState);
  return url.toString();
}

export function redirectToStep(reply: FastifyReply, login: NemidLogin): FastifyReply {
  return reply.redirect(loginPath(login.id), 303);
}

/** A form field as a string, or undefined when missing or not a single string. */
export function formField(body: unknown, name: string): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}
