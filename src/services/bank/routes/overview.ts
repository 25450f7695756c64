/**
 * The account overview and the MitID banner ("Nu er det din tur til at få MitID").
 * Rules: only a logged-in customer sees it; the banner shows when it is the customer's turn,
 * with the days left until the NemID deadline; JEG GØR DET SENERE hides it until the next login.
 * FÅ MITID NU is a form (POST with the CSRF token): it vouches for the customer at MitID, which
 * changes state there, so no GET, link or image elsewhere can do it. GET /mitid/start only shows
 * the button.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceDeps } from '../../../config/deps.ts';
import type { T } from '../../../i18n/catalogue.ts';
import { html, type SafeHtml } from '../../../platform/html/html.ts';
import type { Sessions } from '../../../platform/http/session.ts';
import type { BankSession } from '../bankSession.ts';
import type { Customer, CustomerStore } from '../customerStore.ts';
import type { BankDb } from '../db/schema.ts';
import { daysLeft, formatMoney } from '../format.ts';
import { type MitidStatus, mitidStatus, raClientOptions, startEnrollment } from '../raClient.ts';

/** FÅ MITID NU (or FORTSÆT MED MITID): a form styled as the banner's button. */
function getMitidButton(label: string, csrf: string): SafeHtml {
  return html`<form method="post" action="/mitid/start"><input type="hidden" name="_csrf" value="${csrf}"><button class="button button-primary" type="submit">${label}</button></form>`;
}

export function logoutButton(t: T, csrf: string): SafeHtml {
  return html`<form method="post" action="/logout"><input type="hidden" name="_csrf" value="${csrf}"><button class="button button-secondary" type="submit">${t('common.logout')}</button></form>`;
}

function banner(t: T, customer: Customer, now: number, csrf: string): SafeHtml {
  const deadline = customer.mitid_deadline_at ?? now;
  const days = daysLeft(now, deadline);
  return html`<section class="mitid-banner" aria-labelledby="mitid-banner-title">
  <h2 id="mitid-banner-title">${t('bank.banner.title')}</h2>
  <p><strong>${days === 1 ? t('bank.banner.deadlineOne') : t('bank.banner.deadline', { days })}</strong></p>
  <p>${t('bank.banner.why')}</p>
  <p>${t('bank.banner.use')}</p>
  <h3>${t('bank.banner.needTitle')}</h3>
  <p>${t('bank.banner.needIntro')}</p>
  <ul><li>${t('bank.banner.needNemid')}</li><li>${t('bank.banner.needPhone')}</li></ul>
  <div class="button-row">
    ${getMitidButton(t('bank.banner.getNow'), csrf)}
    <form method="post" action="/mitid/senere"><input type="hidden" name="_csrf" value="${csrf}"><button class="button button-secondary" type="submit">${t('bank.banner.later')}</button></form>
  </div>
</section>`;
}

function enrollingBanner(t: T, csrf: string): SafeHtml {
  return html`<section class="mitid-banner" aria-labelledby="mitid-banner-title">
  <h2 id="mitid-banner-title">${t('bank.banner.enrollingTitle')}</h2>
  <p>${t('bank.banner.enrolling')}</p>
  <div class="button-row">${getMitidButton(t('bank.banner.continue'), csrf)}</div>
</section>`;
}

export function registerOverview(
  app: FastifyInstance,
  deps: ServiceDeps<BankDb>,
  sessions: Sessions<BankSession>,
  customers: CustomerStore,
): void {
  const requireSession = async (
    req: FastifyRequest,
    reply: FastifyReply,
  ): Promise<BankSession | undefined> => {
    const session = await sessions.load(req);
    if (!session) {
      await reply.redirect('/');
      return undefined;
    }
    return session;
  };

  const ra = raClientOptions(deps);
  /** The customer's MitID status; if MitID does not answer, the banner shows as if none. */
  const statusOf = async (req: FastifyRequest, session: BankSession): Promise<MitidStatus | undefined> => {
    try {
      return await mitidStatus(ra, {
        cpr: session.cpr,
        name: session.name,
        identifiedAt: session.loggedInAt,
      });
    } catch (err) {
      req.log.warn({ err }, 'MitID status unavailable');
      return undefined;
    }
  };

  app.get('/oversigt', async (req, reply) => {
    const session = await requireSession(req, reply);
    if (!session) return reply;
    const customer = await customers.getByCpr(session.cpr);
    if (!customer) {
      await sessions.end(req, reply);
      return reply.redirect('/');
    }
    const t = req.t;
    const now = deps.clock.now().getTime();
    const csrf = reply.generateCsrf();
    const accounts = await customers.accounts(customer.cpr);
    // A customer who logged in with MitID has it: no banner, no question to MitID.
    const turn =
      session.method !== 'mitid' && customer.mitid_turn_at !== null && customer.mitid_turn_at <= now;
    const status = turn ? await statusOf(req, session) : undefined;
    const hasMitid = status?.status === 'active';
    // After the deadline NemID no longer gives access to the bank: the customer is sent to get MitID.
    if (turn && !hasMitid && daysLeft(now, customer.mitid_deadline_at ?? now) === 0) {
      return reply.redirect('/mitid/start', 303);
    }
    const showBanner = turn && !hasMitid && !session.mitidLater;
    const enrolling = status?.status === 'enrolling';
    const table = accounts.length
      ? html`<table class="table table--compact">
  <caption>${t('bank.overview.caption')}</caption>
  <thead><tr><th scope="col">${t('bank.overview.account')}</th><th scope="col">${t('bank.overview.number')}</th><th scope="col" class="amount">${t('bank.overview.balance')}</th></tr></thead>
  <tbody>${accounts.map(
    (a) =>
      html`<tr><th scope="row">${a.name}</th><td>${a.reg_no} ${a.account_no}</td><td class="amount">${formatMoney(a.balance_ore, req.lang)}</td></tr>`,
  )}</tbody>
</table>`
      : html`<p>${t('bank.overview.noAccounts')}</p>`;
    return reply.page(
      t('bank.overview.title'),
      html`${showBanner ? (enrolling ? enrollingBanner(t, csrf) : banner(t, customer, now, csrf)) : ''}
${hasMitid ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${t('bank.banner.hasMitid')}</p></div></div>` : ''}
<h1>${t('bank.overview.title')}</h1>
<p>${t('bank.overview.greeting', { name: customer.name })} · ${t('bank.overview.customerNo', { no: customer.customer_no })}</p>
${table}
${accounts.length ? html`<p><a class="button button-primary" href="/overfoersel">${t('bank.transfer.link')}</a></p>` : ''}
<p><a href="/kort">${t('bank.overview.cards')}</a></p>`,
      { headerExtra: logoutButton(t, csrf) },
    );
  });

  app.post('/mitid/senere', async (req, reply) => {
    const session = await requireSession(req, reply);
    if (!session) return reply;
    await sessions.update(req, { ...session, mitidLater: true });
    return reply.redirect('/oversigt', 303);
  });

  // The page with the button only (e.g. after the NemID deadline, or for a customer whose turn it
  // is not yet): a GET changes nothing.
  app.get('/mitid/start', async (req, reply) => {
    const session = await requireSession(req, reply);
    if (!session) return reply;
    const t = req.t;
    const csrf = reply.generateCsrf();
    return reply.page(
      t('bank.getMitid.title'),
      html`<h1>${t('bank.getMitid.title')}</h1>
<p>${t('bank.getMitid.intro')}</p>
<div class="button-row">${getMitidButton(t('bank.banner.getNow'), csrf)}</div>
<p><a href="/oversigt">${t('bank.getMitid.back')}</a></p>`,
      { headerExtra: logoutButton(t, csrf) },
    );
  });

  // FÅ MITID NU: the bank vouches for the customer at the MitID service and hands the browser over.
  app.post('/mitid/start', async (req, reply) => {
    const session = await requireSession(req, reply);
    if (!session) return reply;
    const t = req.t;
    const started = await startEnrollment(ra, {
      cpr: session.cpr,
      name: session.name,
      identifiedBy: session.method,
      identifiedAt: session.loggedInAt,
    }).catch((err: unknown) => {
      req.log.error({ err }, 'registration-authority call failed');
      return { ok: false as const, error: 'failed' as const };
    });
    if (started.ok) {
      // Kept so that the logout can end the hand-over at MitID (login.ts).
      if (session.mitidEnrollmentId !== started.enrollmentId) {
        await sessions.update(req, { ...session, mitidEnrollmentId: started.enrollmentId });
      }
      // The customer's language carries over to the MitID pages.
      const next = new URL(started.continueUrl);
      next.searchParams.set('lang', req.lang);
      return reply.redirect(next.toString(), 303);
    }
    const message =
      started.error === 'already_enrolled'
        ? t('bank.getMitid.alreadyEnrolled')
        : started.error === 'identification_too_old'
          ? t('bank.getMitid.loginAgain')
          : t('bank.getMitid.failed');
    return reply.page(
      t('bank.getMitid.title'),
      html`<h1>${t('bank.getMitid.title')}</h1>
<div class="alert alert-warning" role="status"><div class="alert-body"><p class="alert-text">${message}</p></div></div>
<p><a href="/oversigt">${t('bank.getMitid.back')}</a></p>`,
      { headerExtra: logoutButton(t, reply.generateCsrf()), status: started.error === 'failed' ? 502 : 200 },
    );
  });

  // Where the MitID wizard ends (or "← Tilbage til Min Bank" leads).
  app.get('/mitid/retur', async (req, reply) => {
    const session = await requireSession(req, reply);
    if (!session) return reply;
    const t = req.t;
    return reply.page(
      t('bank.getMitid.returnTitle'),
      html`<h1>${t('bank.getMitid.returnTitle')}</h1>
<p>${t('bank.getMitid.returnText')}</p>
<p><a href="/oversigt">${t('bank.getMitid.back')}</a></p>`,
      { headerExtra: logoutButton(t, reply.generateCsrf()) },
    );
  });
}
