/**
 * Min Bank's phone support (decision 0013 §5): a staff member on the phone with someone who says
 * they are a customer sends a request to that customer's MitID app and sees it approved.
 *   GET  /support                  the staff login, or (logged in) the search for a customer
 *   POST /support/login            the support password (BANK_SUPPORT_PASSWORD), Argon2id
 *                                  compared, at most LOGIN_MAX tries a minute per address (no
 *                                  count across addresses: a stranger could lock the staff out
 *                                  with it; the generated password is 32 random bytes)
 *   POST /support/logout
 *   GET  /support/kunde?nr=…       the customer, and the text to send (a random code suggested);
 *                                  a customer without a linked MitID uuid: a clear message
 *   POST /support/send             the CIBA request (supportCalls.ts), then its page
 *   GET  /support/opkald/:id       Venter / Godkendt / Afvist / Udløbet (polls itself: opkald.js)
 *   GET  /support/opkald/:id/status  { status } for that script
 * Every page needs the staff session (its own cookie, 8 hours); forms carry the CSRF token.
 */
import { type Algorithm, hash, verify } from '@node-rs/argon2';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceDeps } from '../../../config/deps.ts';
import type { T } from '../../../i18n/catalogue.ts';
import { csrfField, errorSummary, primaryButton, textField } from '../../../platform/html/components.ts';
import { html, type SafeHtml } from '../../../platform/html/html.ts';
import { SessionStore, Sessions } from '../../../platform/http/session.ts';
import type { RelyingParty } from '../../../platform/oidc/relyingParty.ts';
import { checkPersonText } from '../../../platform/text/checkPersonText.ts';
import type { CustomerStore } from '../customerStore.ts';
import type { BankDb } from '../db/schema.ts';
import { type SupportCall, SupportCalls } from './supportCalls.ts';

interface StaffSession {
  staff: true;
  at: number;
}

const LOGIN_MAX = 5;
const STAFF_TTL_MS = 8 * 3600_000;
const MESSAGE_MAX = 130;
const argon2id = { algorithm: 2 as Algorithm, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Polls the call's status while its page is open; reloads the page when it is decided. */
const POLL_JS = `const el = document.querySelector('[data-support-call]');
if (el) {
  const tick = async () => {
    try {
      const res = await fetch(el.dataset.supportCall, { headers: { accept: 'application/json' } });
      const body = await res.json();
      if (body.status !== 'pending') return location.reload();
    } catch {}
    setTimeout(tick, 2000);
  };
  setTimeout(tick, 2000);
}
`;

export function registerSupport(
  app: FastifyInstance,
  deps: ServiceDeps<BankDb>,
  customers: CustomerStore,
  mitid: RelyingParty,
): void {
  const password = deps.secrets.bankSupportPassword;
  // No password configured (a process without it): the page exists and nobody can log in.
  const hashed = password ? hash(password, argon2id) : undefined;
  const staff = new Sessions<StaffSession>(new SessionStore(deps.db), {
    cookieName: 'minbank_support',
    ttlMs: STAFF_TTL_MS,
    secure: deps.config.bankUrl.startsWith('https:'),
    clock: deps.clock,
    random: deps.random,
  });
  const calls = new SupportCalls({
    db: deps.db,
    clock: deps.clock,
    random: deps.random,
    mitid,
    onError: (err) => app.log.error({ err }, 'phone support: MitID request failed'),
  });

  const shell = (req: FastifyRequest, reply: FastifyReply, body: SafeHtml, status = 200) => {
    const t = req.t;
    return reply
      .header('cache-control', 'no-store')
      .page(t('bankSupport.title'), body, { status, headerExtra: logout(t, reply.generateCsrf()) });
  };
  const logout = (t: T, csrf: string): SafeHtml =>
    html`<form method="post" action="/support/logout">${csrfField(csrf)}<button class="button button-secondary" type="submit">${t('bankSupport.logout')}</button></form>`;

  const loginPage = (req: FastifyRequest, reply: FastifyReply, wrong: boolean) => {
    const t = req.t;
    return reply.header('cache-control', 'no-store').page(
      t('bankSupport.title'),
      html`${errorSummary(t, wrong ? [{ field: 'password', message: t('bankSupport.login.wrong') }] : [])}
<h1>${t('bankSupport.title')}</h1>
<p>${t('bankSupport.login.intro')}</p>
<form method="post" action="/support/login" novalidate>
  ${csrfField(reply.generateCsrf())}
  ${textField({ t, name: 'password', label: t('bankSupport.login.password'), type: 'password', autocomplete: 'current-password', ...(wrong ? { error: t('bankSupport.login.wrong') } : {}) })}
  ${primaryButton(t('bankSupport.login.submit'))}
</form>`,
      { status: wrong ? 400 : 200 },
    );
  };

  const findForm = (t: T, value = '', error?: string): SafeHtml =>
    html`<h2>${t('bankSupport.find.title')}</h2>
<form method="get" action="/support/kunde" novalidate>
  ${textField({ t, name: 'nr', label: t('bankSupport.find.customerNo'), hint: t('bankSupport.find.hint'), value, inputmode: 'numeric', maxlength: 10, ...(error ? { error } : {}) })}
  ${primaryButton(t('bankSupport.find.submit'))}
</form>`;

  /** The staff session, or the login page written. */
  const requireStaff = async (req: FastifyRequest, reply: FastifyReply): Promise<boolean> => {
    if (await staff.load(req)) return true;
    if (req.method === 'GET') await loginPage(req, reply, false);
    else await reply.redirect('/support', 303);
    return false;
  };

  app.get('/support', async (req, reply) => {
    if (!(await requireStaff(req, reply))) return reply;
    return shell(req, reply, html`<h1>${req.t('bankSupport.title')}</h1>${findForm(req.t)}`);
  });

  app.post(
    '/support/login',
    { config: { rateLimit: { max: LOGIN_MAX, timeWindow: 60_000 } } },
    async (req, reply) => {
      const typed = (req.body as Record<string, unknown> | undefined)?.password;
      const ok =
        hashed !== undefined &&
        typeof typed === 'string' &&
        typed.length <= 200 &&
        (await verify(await hashed, typed).catch(() => false));
      if (!ok) return loginPage(req, reply, true);
      await staff.start(req, reply, { staff: true, at: deps.clock.now().getTime() });
      return reply.redirect('/support', 303);
    },
  );

  app.post('/support/logout', async (req, reply) => {
    await staff.end(req, reply);
    return reply.redirect('/support', 303);
  });

  const customerPage = async (req: FastifyRequest, reply: FastifyReply, nr: string, error?: string) => {
    const t = req.t;
    const customer = /^[0-9]{1,10}$/.test(nr) ? await customers.getByCustomerNo(nr) : undefined;
    if (!customer) {
      const message = /^[0-9]{1,10}$/.test(nr)
        ? t('bankSupport.find.unknown', { no: nr })
        : t('bankSupport.find.invalid');
      return shell(
        req,
        reply,
        html`${errorSummary(t, [{ field: 'nr', message }])}<h1>${t('bankSupport.title')}</h1>${findForm(t, nr, message)}`,
        400,
      );
    }
    const header = html`<h1>${t('bankSupport.customer.title', { no: customer.customer_no })}</h1>
<p>${t('bankSupport.customer.name', { name: customer.name })}</p>`;
    if (!customer.mitid_uuid) {
      return shell(
        req,
        reply,
        html`${header}<div class="alert alert-warning"><div class="alert-body"><p class="alert-text">${t('bankSupport.customer.noMitid')}</p></div></div>
<p><a href="/support">${t('bankSupport.call.back')}</a></p>`,
      );
    }
    const suggestion = t('bankSupport.send.suggestion', { code: deps.random.digits(4) });
    const body = req.body as Record<string, unknown> | undefined;
    const typed = typeof body?.message === 'string' ? body.message : suggestion;
    return shell(
      req,
      reply,
      html`${errorSummary(t, error ? [{ field: 'message', message: error }] : [])}${header}
<form method="post" action="/support/send" novalidate>
  ${csrfField(reply.generateCsrf())}
  <input type="hidden" name="nr" value="${customer.customer_no}">
  ${textField({ t, name: 'message', label: t('bankSupport.send.message'), hint: t('bankSupport.send.hint'), value: typed, maxlength: MESSAGE_MAX, className: 'input-width-xl', ...(error ? { error } : {}) })}
  ${primaryButton(t('bankSupport.send.submit'))}
</form>
<p><a href="/support">${t('bankSupport.call.back')}</a></p>`,
      error ? 400 : 200,
    );
  };

  app.get('/support/kunde', async (req, reply) => {
    if (!(await requireStaff(req, reply))) return reply;
    const nr = String((req.query as Record<string, unknown>).nr ?? '').trim();
    return customerPage(req, reply, nr);
  });

  app.post('/support/send', async (req, reply) => {
    if (!(await requireStaff(req, reply))) return reply;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const nr = String(body.nr ?? '').trim();
    const customer = /^[0-9]{1,10}$/.test(nr) ? await customers.getByCustomerNo(nr) : undefined;
    if (!customer?.mitid_uuid) return customerPage(req, reply, nr);
    const checked = checkPersonText(body.message, { field: 'message', max: MESSAGE_MAX });
    if (!checked.ok) return customerPage(req, reply, nr, req.t('bankSupport.send.invalid'));
    const id = await calls
      .send(
        { customer_no: customer.customer_no, cpr: customer.cpr, mitid_uuid: customer.mitid_uuid },
        checked.value,
      )
      .catch((err: unknown) => {
        req.log.error({ err }, 'phone support: MitID could not be reached');
        return undefined;
      });
    if (!id) return customerPage(req, reply, nr, req.t('bankSupport.send.failed'));
    return reply.redirect(`/support/opkald/${encodeURIComponent(id)}`, 303);
  });

  app.get('/support/opkald.js', async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(POLL_JS),
  );

  app.get<{ Params: { id: string } }>(
    '/support/opkald/:id/status',
    { config: { csrf: false } },
    async (req, reply) => {
      if (!(await staff.load(req))) return reply.code(401).send({ error: 'not_logged_in' });
      const call = await calls.read(req.params.id);
      if (!call) return reply.code(404).send({ error: 'not_found' });
      return reply.header('cache-control', 'no-store').send({ status: call.status });
    },
  );

  app.get<{ Params: { id: string } }>('/support/opkald/:id', async (req, reply) => {
    if (!(await requireStaff(req, reply))) return reply;
    const call = await calls.read(req.params.id);
    if (!call) return reply.callNotFound();
    return shell(req, reply, callPage(req.t, call));
  });
}

const OUTCOME: Record<
  Exclude<SupportCall['status'], 'pending'>,
  { title: Parameters<T>[0]; text: Parameters<T>[0]; alert: string }
> = {
  approved: {
    title: 'bankSupport.call.approved',
    text: 'bankSupport.call.approvedText',
    alert: 'alert-success',
  },
  rejected: {
    title: 'bankSupport.call.rejected',
    text: 'bankSupport.call.rejectedText',
    alert: 'alert-error',
  },
  expired: {
    title: 'bankSupport.call.expired',
    text: 'bankSupport.call.expiredText',
    alert: 'alert-warning',
  },
  refused: {
    title: 'bankSupport.call.refused',
    text: 'bankSupport.call.refusedText',
    alert: 'alert-warning',
  },
  failed: { title: 'bankSupport.call.refused', text: 'bankSupport.call.failedText', alert: 'alert-error' },
};

function callPage(t: T, call: SupportCall): SafeHtml {
  const head = html`<h1>${t('bankSupport.call.title', { no: call.customer_no })}</h1>
<p>${t('bankSupport.call.text', { text: call.binding_message })}</p>`;
  if (call.status === 'pending') {
    return html`${head}
<div class="alert alert-info" role="status" data-support-call="/support/opkald/${call.id}/status"><div class="alert-body"><p class="alert-text" id="support-call-status">${t('bankSupport.call.pending')}</p></div></div>
<p><a href="/support/opkald/${call.id}">${t('bankSupport.call.refresh')}</a></p>
<script src="/support/opkald.js" defer></script>`;
  }
  const o = OUTCOME[call.status];
  return html`${head}
<div class="alert ${o.alert}" role="status"><div class="alert-body"><h2 class="alert-heading" id="support-call-status">${t(o.title)}</h2><p class="alert-text">${t(o.text)}</p></div></div>
<p><a href="/support/kunde?nr=${call.customer_no}">${t('bankSupport.call.back')}</a></p>`;
}
