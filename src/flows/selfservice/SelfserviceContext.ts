/**
 * What every self-service route shares: the settings, the OpenID Connect client of MitID's own
 * /op, the session store, the gates, the authenticators and the ports. `loggedIn` is the one
 * check in front of every page and form: a live session of an identity in use, or the
 * "log in again" page (401) and nothing else.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceDeps } from '../../config/deps.ts';
import type { Authenticators } from '../../core/authenticators/index.ts';
import type { MitidDb } from '../../core/db/index.ts';
import { type Identity, IdentityStore } from '../../core/identity/index.ts';
import { html } from '../../platform/html/html.ts';
import type { Sessions } from '../../platform/http/session.ts';
import type { RelyingParty } from '../../platform/oidc/relyingParty.ts';
import type { Gates } from './Gates.ts';
import type { SelfservicePorts } from './ports.ts';
import type { SelfserviceSession } from './selfserviceSession.ts';

export const BASE = '/selvbetjening';
export const LOGIN_PATH = `${BASE}/log-paa`;

export interface SelfserviceContext {
  deps: ServiceDeps<MitidDb>;
  rp: RelyingParty;
  sessions: Sessions<SelfserviceSession>;
  gates: Gates;
  authenticators: Pick<Authenticators, 'listFor'>;
  ports: SelfservicePorts;
}

export interface LoggedIn {
  session: SelfserviceSession;
  identity: Identity;
}

/** The person of this request's session, or undefined after the "log in again" page was sent. */
export async function loggedIn(
  ctx: SelfserviceContext,
  req: FastifyRequest,
  reply: FastifyReply,
): Promise<LoggedIn | undefined> {
  const session = await ctx.sessions.load(req);
  const identity = session ? await new IdentityStore(ctx.deps.db).getById(session.identityId) : undefined;
  if (session && identity && identity.status === 'active') {
    // Every request of the person extends the session's life (15 minutes without one ends it).
    await ctx.sessions.update(req, session);
    return { session, identity };
  }
  if (session) await ctx.sessions.end(req, reply);
  const t = req.t;
  reply.page(
    t('selfservice.profile.title'),
    html`<h1>${t('selfservice.profile.title')}</h1>
<p>${t('selfservice.sessionEnded')}</p>
<p><a class="button button-primary" href="${LOGIN_PATH}">${t('selfservice.loginLink')}</a></p>`,
    { status: 401 },
  );
  return undefined;
}

/** A page that says one thing, with a link back to the profile (or to log in again). */
export function messagePage(
  req: FastifyRequest,
  reply: FastifyReply,
  title: string,
  text: string,
  status = 200,
  back: { href: string; label: string } = { href: BASE, label: req.t('selfservice.back') },
): FastifyReply {
  return reply.page(
    title,
    html`<h1>${title}</h1>
<p>${text}</p>
<p><a href="${back.href}">${back.label}</a></p>`,
    { status },
  );
}
