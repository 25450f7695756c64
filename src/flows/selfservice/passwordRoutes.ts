/**
 * "Skift adgangskode" (selfservice.md §2.4, decision 0014 §6). Rules:
 * - a logged-in person with an active MitID password (else 404, nothing shown of a form);
 * - behind the gate 'changePassword': before it is open the page shows the gate, and a POST is
 *   refused (403) without looking at the password;
 * - the new password twice; the rules are the password kind's (PasswordPort.problems), shown
 *   live while typing (POST …/tjek, CSRF-checked, answers only the rules' texts) and again on
 *   submit; a refused password is never echoed back into the form;
 * - the change, the gate's use and the notice "Din MitID adgangskode er ændret" to the
 *   confirmed contacts are one transaction: all or nothing; the old password is not asked (the
 *   MitID login was just made); the password is never logged nor in the notice.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { wakeDelivery } from '../../core/messages/index.ts';
import { isMessageId, type T } from '../../i18n/catalogue.ts';
import { csrfField, errorSummary, type FieldError, textField } from '../../platform/html/components.ts';
import { html } from '../../platform/html/html.ts';
import { perAddress } from '../../platform/http/perAddress.ts';
import { gatePanel } from './gatePanel.ts';
import { noticeContacts } from './noticeContacts.ts';
import type { PasswordPort } from './ports.ts';
import { logoutForm } from './profilePage.ts';
import { BASE, type LoggedIn, loggedIn, messagePage, type SelfserviceContext } from './SelfserviceContext.ts';

const PAGE = `${BASE}/adgangskode`;
const MAX_INPUT = 256;

/** The rules' refusals as texts of `t` (an id the catalogue lacks shows the general refusal). */
export function problemTexts(t: T, ids: readonly string[]): string[] {
  return ids.map((id) => (isMessageId(id) ? t(id) : t('selfservice.password.rejected')));
}

/** The live check of the password form: sends what is typed to …/tjek, shows the answer. */
export const PASSWORD_CHECK_JS = `(() => {
  const form = document.getElementById('password-form');
  const input = document.getElementById('password');
  const out = document.getElementById('password-live');
  if (!form || !input || !out) return;
  let timer;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      if (input.value === '') { out.textContent = ''; return; }
      const body = new URLSearchParams({ _csrf: form.elements._csrf.value, password: input.value });
      try {
        const res = await fetch(form.action + '/tjek', { method: 'POST', body, credentials: 'same-origin' });
        if (!res.ok) return;
        const { problems, ok } = await res.json();
        out.textContent = problems.length > 0 ? problems.join(' ') : ok;
      } catch {}
    }, 300);
  });
})();
`;

async function passwordOf(ctx: SelfserviceContext, who: LoggedIn): Promise<PasswordPort | undefined> {
  if (!ctx.ports.password) return undefined;
  const list = await ctx.authenticators.listFor(who.identity.id, 'password');
  return list.some((a) => a.status === 'active') ? ctx.ports.password : undefined;
}

function formPage(
  req: FastifyRequest,
  reply: FastifyReply,
  gate: Parameters<typeof gatePanel>[4],
  errors: FieldError[] = [],
  status = 200,
): FastifyReply {
  const t = req.t;
  const csrf = reply.generateCsrf();
  const open = gate?.state === 'open';
  const error = (f: string) => errors.find((e) => e.field === f)?.message;
  const pwError = error('password');
  const repeatError = error('repeat');
  return reply.page(
    t('selfservice.gate.title.changePassword'),
    html`<h1>${t('selfservice.gate.title.changePassword')}</h1>
${errorSummary(t, errors)}
${gatePanel(t, req.lang, csrf, 'changePassword', gate)}
${
  open
    ? html`<form id="password-form" method="post" action="${PAGE}" novalidate>
  ${csrfField(csrf)}
  <h2>${t('selfservice.password.title')}</h2>
  ${textField({ t, name: 'password', label: t('selfservice.password.new'), hint: t('selfservice.password.hint'), type: 'password', autocomplete: 'new-password', maxlength: 64, ...(pwError ? { error: pwError } : {}) })}
  <p id="password-live" class="form-hint" aria-live="polite"></p>
  ${textField({ t, name: 'repeat', label: t('selfservice.password.repeat'), type: 'password', autocomplete: 'new-password', maxlength: 64, ...(repeatError ? { error: repeatError } : {}) })}
  <button class="button button-primary" type="submit">${t('selfservice.password.continue')}</button>
</form>
<script src="${PAGE}.js" defer></script>`
    : ''
}
<p><a href="${BASE}">${t('selfservice.back')}</a></p>`,
    { status, headerExtra: logoutForm(t, csrf) },
  );
}

/** Thrown inside the change's transaction to roll it back. */
class Refused extends Error {}

export function registerPasswordRoutes(app: FastifyInstance, ctx: SelfserviceContext): void {
  const opts = { config: { rateLimit: perAddress('pages') } };

  app.get(`${PAGE}.js`, async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(PASSWORD_CHECK_JS),
  );

  app.get(PAGE, opts, async (req, reply) => {
    const who = await loggedIn(ctx, req, reply);
    if (!who) return reply;
    if (!(await passwordOf(ctx, who)))
      return messagePage(
        req,
        reply,
        req.t('selfservice.changePassword'),
        req.t('selfservice.password.none'),
        404,
      );
    return formPage(req, reply, await ctx.gates.current(who.identity.id, 'changePassword'));
  });

  app.post(`${PAGE}/tjek`, opts, async (req, reply) => {
    const who = await loggedIn(ctx, req, reply);
    if (!who) return reply;
    const port = await passwordOf(ctx, who);
    const pw = (req.body as Record<string, unknown> | undefined)?.password;
    if (!port || typeof pw !== 'string' || pw.length > MAX_INPUT)
      return reply.code(400).send({ error: 'bad_request' });
    return reply.send({
      problems: problemTexts(req.t, port.problems(pw, who.identity.userId)),
      ok: req.t('selfservice.password.ok'),
    });
  });

  app.post(PAGE, opts, async (req, reply) => {
    const who = await loggedIn(ctx, req, reply);
    if (!who) return reply;
    const t = req.t;
    const port = await passwordOf(ctx, who);
    if (!port)
      return messagePage(req, reply, t('selfservice.changePassword'), t('selfservice.password.none'), 404);
    const gate = await ctx.gates.current(who.identity.id, 'changePassword');
    if (gate?.state !== 'open') return formPage(req, reply, gate, [], 403);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const password = typeof body.password === 'string' ? body.password.slice(0, MAX_INPUT) : '';
    const repeat = typeof body.repeat === 'string' ? body.repeat.slice(0, MAX_INPUT) : '';
    const errors: FieldError[] = [];
    if (password === '') errors.push({ field: 'password', message: t('selfservice.password.empty') });
    else {
      const problems = problemTexts(t, port.problems(password, who.identity.userId));
      if (problems.length > 0) errors.push({ field: 'password', message: problems.join(' ') });
      else if (repeat !== password)
        errors.push({ field: 'repeat', message: t('selfservice.password.mismatch') });
    }
    if (errors.length > 0) return formPage(req, reply, gate, errors, 400);
    const identityId = who.identity.id;
    try {
      await ctx.deps.db.transaction().execute(async (trx) => {
        // The gate first: a second submit (another tab, a replay) finds it used and changes nothing.
        if (!(await ctx.gates.use(trx, identityId, 'changePassword')).ok) throw new Refused('gate');
        if (!(await port.change(trx, { identityId, userId: who.identity.userId, password })))
          throw new Refused('none');
        await noticeContacts(
          trx,
          { random: ctx.deps.random, log: req.log },
          identityId,
          { subject: 'selfservice.password.notice.subject', body: 'selfservice.password.notice.body' },
          ctx.deps.clock.now().getTime(),
        );
      });
    } catch (err) {
      if (!(err instanceof Refused)) throw err;
      return err.message === 'gate'
        ? formPage(req, reply, await ctx.gates.current(identityId, 'changePassword'), [], 403)
        : messagePage(req, reply, t('selfservice.changePassword'), t('selfservice.password.none'), 404);
    }
    wakeDelivery(ctx.deps.db);
    req.log.info({ identityId }, 'self-service: password changed');
    return messagePage(req, reply, t('selfservice.changePassword'), t('selfservice.password.changed'));
  });
}
