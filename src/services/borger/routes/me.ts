/**
 * "Dine oplysninger": what MitID told Borger at the login. Only a logged-in person sees it; the
 * CPR number shows only its birth-date part.
 */
import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../../config/deps.ts';
import { html } from '../../../platform/html/html.ts';
import type { Sessions } from '../../../platform/http/session.ts';
import type { BorgerSession } from '../borgerSession.ts';
import type { BorgerDb } from '../db/schema.ts';
import { ageAt, formatBirthdate, maskCpr } from '../format.ts';

export function registerMe(
  app: FastifyInstance,
  deps: ServiceDeps<BorgerDb>,
  sessions: Sessions<BorgerSession>,
): void {
  app.get('/oplysninger', async (req, reply) => {
    const session = await sessions.load(req);
    if (!session) return reply.redirect('/');
    const t = req.t;
    const unknown = t('borger.me.unknown');
    const age = session.age ?? (session.birthdate ? ageAt(session.birthdate, deps.clock.now()) : undefined);
    const csrf = reply.generateCsrf();
    const logout = html`<form method="post" action="/logout"><input type="hidden" name="_csrf" value="${csrf}"><button class="button button-secondary" type="submit">${t('common.logout')}</button></form>`;
    return reply.page(
      t('borger.me.title'),
      html`<h1>${t('borger.me.title')}</h1>
<p>${t('borger.me.intro')}</p>
<div class="borger-card">
<dl class="borger-facts">
  <dt>${t('borger.me.name')}</dt><dd>${session.name ?? unknown}</dd>
  <dt>${t('borger.me.birthDate')}</dt><dd>${session.birthdate ? formatBirthdate(session.birthdate, req.lang) : unknown}</dd>
  <dt>${t('borger.me.age')}</dt><dd>${age === undefined ? unknown : t('borger.me.years', { age })}</dd>
  <dt>${t('borger.me.uuid')}</dt><dd><code>${session.uuid ?? unknown}</code></dd>
  <dt>${t('borger.me.cpr')}</dt><dd>${session.cpr ? html`${maskCpr(session.cpr)} <span class="form-hint">${t('borger.me.cprHidden')}</span>` : unknown}</dd>
</dl>
</div>`,
      { headerExtra: logout },
    );
  });
}
