/**
 * "Min MitID" (/selvbetjening): the person's name (the CPR register's), user-ID, "Mine
 * identifikationsmidler" (every authenticator: kind, label or serial, status, activated date),
 * and the links to what the wired ports allow: "Køb MitID chip", "Tilføj chip", "Skift
 * adgangskode" (only for a person with an active password). "Log af" is a form (CSRF).
 */
import type { FastifyInstance } from 'fastify';
import type { Authenticator, AuthenticatorStatus } from '../../core/authenticators/index.ts';
import { fullName, PeopleStore } from '../../core/people/index.ts';
import type { MessageId, T } from '../../i18n/catalogue.ts';
import type { Lang } from '../../i18n/types.ts';
import { csrfField } from '../../platform/html/components.ts';
import { html, type SafeHtml } from '../../platform/html/html.ts';
import { perAddress } from '../../platform/http/perAddress.ts';
import { formatOrderDate } from '../../platform/time/formatOrderTime.ts';
import { BASE, loggedIn, type SelfserviceContext } from './SelfserviceContext.ts';

const KIND_TEXT: Record<Authenticator['kind'], MessageId> = {
  app: 'selfservice.kind.app',
  codeDisplay: 'selfservice.kind.codeDisplay',
  codeReader: 'selfservice.kind.codeReader',
  chip: 'selfservice.kind.chip',
  password: 'selfservice.kind.password',
};

const STATUS_TEXT: Record<AuthenticatorStatus, MessageId> = {
  active: 'selfservice.status.active',
  blocked: 'selfservice.status.blocked',
  revoked: 'selfservice.status.revoked',
};

/** The header's "Log af" form, on every self-service page of a logged-in person. */
export function logoutForm(t: T, csrf: string): SafeHtml {
  return html`<form method="post" action="${BASE}/log-af" class="site-header-logout">${csrfField(csrf)}<button class="button button-secondary button-small" type="submit">${t('selfservice.logout')}</button></form>`;
}

function meansTable(t: T, lang: Lang, list: readonly Authenticator[]): SafeHtml {
  if (list.length === 0) return html`<p>${t('selfservice.means.none')}</p>`;
  return html`<table class="table table--compact">
  <caption class="sr-only">${t('selfservice.means.title')}</caption>
  <thead><tr>
    <th scope="col">${t('selfservice.means.kind')}</th>
    <th scope="col">${t('selfservice.means.label')}</th>
    <th scope="col">${t('selfservice.means.status')}</th>
    <th scope="col">${t('selfservice.means.activated')}</th>
  </tr></thead>
  <tbody>
  ${list.map(
    (a) => html`<tr>
    <td>${t(KIND_TEXT[a.kind])}</td>
    <td>${a.label}</td>
    <td>${t(STATUS_TEXT[a.status])}</td>
    <td>${formatOrderDate(lang, a.activatedAt)}</td>
  </tr>`,
  )}
  </tbody>
</table>`;
}

export function registerProfilePage(app: FastifyInstance, ctx: SelfserviceContext): void {
  app.get(BASE, { config: { rateLimit: perAddress('pages') } }, async (req, reply) => {
    const who = await loggedIn(ctx, req, reply);
    if (!who) return reply;
    const t = req.t;
    const person = await new PeopleStore(ctx.deps.db).getByCpr(who.identity.cpr);
    const means = await ctx.authenticators.listFor(who.identity.id);
    const hasPassword = means.some((a) => a.kind === 'password' && a.status === 'active');
    const links: SafeHtml[] = [];
    links.push(html`<li><a href="${BASE}/chip/koeb">${t('selfservice.buyChip')}</a></li>`);
    if (ctx.ports.chip && ctx.ports.password)
      links.push(html`<li><a href="${BASE}/chip/tilfoej">${t('selfservice.addChip')}</a></li>`);
    if (ctx.ports.password && hasPassword)
      links.push(html`<li><a href="${BASE}/adgangskode">${t('selfservice.changePassword')}</a></li>`);
    return reply.page(
      t('selfservice.profile.title'),
      html`<h1>${t('selfservice.profile.title')}</h1>
<dl class="selfservice-facts">
  <dt>${t('selfservice.profile.name')}</dt><dd>${person ? fullName(person) : ''}</dd>
  <dt>${t('selfservice.profile.userId')}</dt><dd>${who.identity.userId}</dd>
</dl>
<section aria-labelledby="means-title">
  <h2 id="means-title">${t('selfservice.means.title')}</h2>
  ${meansTable(t, req.lang, means)}
</section>
${
  links.length > 0
    ? html`<section aria-labelledby="actions-title">
  <h2 id="actions-title">${t('selfservice.actions.title')}</h2>
  <ul>${links}</ul>
</section>`
    : ''
}`,
      { headerExtra: logoutForm(t, reply.generateCsrf()) },
    );
  });
}
