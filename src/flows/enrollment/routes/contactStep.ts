/**
 * Step 4: enter and confirm contact details. Rules:
 * - the chosen kind's offer (the kind registry) says which contact it needs, any one confirmed:
 *   the app a mobile number (+45); a code display / code reader a mobile number and/or e-mail;
 *   its note and its refusal are the offer's texts;
 * - each is confirmed with a validation code sent by SMS / e-mail (kept in the message outbox);
 *   codes expire (15 min), work once, allow 3 wrong tries, can be re-sent a limited number of
 *   times ("Send valideringskode igen"), and the number / address can be corrected ("Ret
 *   mobilnummer"), which asks for a new confirmation;
 * - every post carries the flow's version: a repeated post changes nothing.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type CodePolicy, emailValidationCode, mobileValidationCode } from '../../../core/codes/index.ts';
import { createNotifier, parseRecipient } from '../../../core/messages/index.ts';
import type { T } from '../../../i18n/catalogue.ts';
import {
  csrfField,
  type FieldError,
  primaryButton,
  secondaryButton,
  textField,
} from '../../../platform/html/components.ts';
import { html, type SafeHtml } from '../../../platform/html/html.ts';
import { perAddressMax } from '../../../platform/http/perAddress.ts';
import { codeProblemMessage } from '../codeProblemMessage.ts';
import type { Enrollment } from '../EnrollmentStore.ts';
import { type ContactChannel, contactEnough } from '../flowStates.ts';
import { type EnrollmentContext, offerOf, stepUrl } from './enrollmentContext.ts';
import { advance, type Form, field, flowAt, movedNotice, postedVersion } from './stepRoute.ts';
import { wizardPage } from './wizardPage.ts';

interface Channel {
  key: ContactChannel;
  policy: CodePolicy;
  value: (e: Enrollment) => string | null;
  confirmed: (e: Enrollment) => boolean;
}

const channels: Record<ContactChannel, Channel> = {
  mobile: {
    key: 'mobile',
    policy: mobileValidationCode,
    value: (e) => e.mobile,
    confirmed: (e) => e.state.mobileConfirmed,
  },
  email: {
    key: 'email',
    policy: emailValidationCode,
    value: (e) => e.email,
    confirmed: (e) => e.state.emailConfirmed,
  },
};

/** "+4512345678" → "+45 12 34 56 78" for reading. */
const showMobile = (v: string): string => v.replace(/^\+45(\d{2})(\d{2})(\d{2})(\d{2})$/, '+45 $1 $2 $3 $4');

/** Accepts "12345678", "12 34 56 78", "+45 12345678", "0045…"; returns +45 and 8 digits. */
export function parseDanishMobile(raw: string): string | undefined {
  const compact = raw.replace(/[\s-]/g, '').replace(/^0045/, '+45');
  const withPrefix = /^\d{8}$/.test(compact) ? `+45${compact}` : compact;
  try {
    return parseRecipient('sms', withPrefix);
  } catch {
    return undefined;
  }
}

function parseEmail(raw: string): string | undefined {
  try {
    return parseRecipient('email', raw);
  } catch {
    return undefined;
  }
}

interface RenderInput {
  errors?: FieldError[];
  /** Values typed but refused, shown back. */
  typed?: Partial<Record<ContactChannel, string>>;
  info?: string;
}

function channelSection(
  t: T,
  e: Enrollment,
  c: Channel,
  csrf: string,
  errors: readonly FieldError[],
  typed: string | undefined,
): SafeHtml {
  const value = c.value(e);
  const hidden = html`${csrfField(csrf)}<input type="hidden" name="version" value="${e.version}">`;
  const action = `/tilmelding/${e.id}/kontakt`;
  const shown = value ? (c.key === 'mobile' ? showMobile(value) : value) : '';
  const heading = html`<h2>${c.key === 'mobile' ? t('wizard.contact.mobileHeading') : t('wizard.contact.emailHeading')}</h2>`;
  const change = html`<form method="post" action="${action}" class="inline-form">${hidden}${secondaryButton(
    c.key === 'mobile' ? t('wizard.contact.changeMobile') : t('wizard.contact.changeEmail'),
    { name: 'action', value: `${c.key}Change` },
  )}</form>`;
  if (value && c.confirmed(e)) {
    return html`<section class="contact-channel">${heading}
<p class="contact-confirmed">${c.key === 'mobile' ? t('wizard.contact.mobileConfirmed', { value: shown }) : t('wizard.contact.emailConfirmed', { value: shown })}</p>
${change}</section>`;
  }
  const error = (name: string) => errors.find((x) => x.field === name)?.message;
  if (value) {
    const codeField = `${c.key}Code`;
    return html`<section class="contact-channel">${heading}
<p class="contact-sent" role="status">${c.key === 'mobile' ? t('wizard.contact.codeSentMobile', { value: shown }) : t('wizard.contact.codeSentEmail', { value: shown })}</p>
<form method="post" action="${action}" novalidate>${hidden}
  <input type="hidden" name="action" value="${codeField}">
  ${textField({
    t,
    name: codeField,
    label: c.key === 'mobile' ? t('wizard.contact.codeLabelSms') : t('wizard.contact.codeLabelEmail'),
    error: error(codeField),
    inputmode: 'numeric',
    autocomplete: 'one-time-code',
    maxlength: 12,
    className: 'input-width-xs',
  })}
  ${primaryButton(t('wizard.contact.confirm'))}
</form>
<div class="button-row">
  <form method="post" action="${action}" class="inline-form">${hidden}${secondaryButton(t('wizard.contact.resend'), { name: 'action', value: `${c.key}Resend` })}</form>
  ${change}
</div></section>`;
  }
  return html`<section class="contact-channel">${heading}
<form method="post" action="${action}" novalidate>${hidden}
  <input type="hidden" name="action" value="${c.key}">
  ${textField({
    t,
    name: c.key,
    label: c.key === 'mobile' ? t('wizard.contact.mobileLabel') : t('wizard.contact.emailLabel'),
    value: typed ?? '',
    error: error(c.key),
    type: c.key === 'mobile' ? 'tel' : 'email',
    inputmode: c.key === 'mobile' ? 'tel' : 'email',
    autocomplete: c.key === 'mobile' ? 'tel-national' : 'email',
    maxlength: c.key === 'mobile' ? 20 : 254,
    ...(c.key === 'mobile' ? { prefix: '+45', className: 'input-width-s' } : {}),
  })}
  ${primaryButton(t('wizard.contact.sendCode'))}
</form></section>`;
}

function render(
  ctx: EnrollmentContext,
  req: FastifyRequest,
  reply: FastifyReply,
  e: Enrollment,
  input: RenderInput = {},
): FastifyReply {
  const t = req.t;
  const csrf = reply.generateCsrf();
  const errors = input.errors ?? [];
  const continueError = errors.find((x) => x.field === 'continue')?.message;
  const note = offerOf(ctx, e).contactNote;
  const body = html`<p>${t('wizard.contact.intro')}</p>
${note ? html`<p>${t(note)}</p>` : ''}
<p>${t('wizard.contact.messagesNote')}</p>
${input.info ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${input.info}</p></div></div>` : ''}
${channelSection(t, e, channels.mobile, csrf, errors, input.typed?.mobile)}
${channelSection(t, e, channels.email, csrf, errors, input.typed?.email)}
<form method="post" action="/tilmelding/${e.id}/kontakt" novalidate id="continue">
  ${csrfField(csrf)}<input type="hidden" name="version" value="${e.version}">
  ${continueError ? html`<p class="form-error-message"><span class="sr-only">${t('common.errorPrefix')} </span>${continueError}</p>` : ''}
  ${primaryButton(t('wizard.continue'), { name: 'action', value: 'continue' })}
</form>`;
  return wizardPage(req, reply, {
    enrollment: e,
    step: 'contact',
    title: t('wizard.contact.title'),
    body,
    csrf,
    errors,
    ...(errors.length ? { status: 400 } : {}),
    ...(movedNotice(req) ? { notice: movedNotice(req) } : {}),
  });
}

export function registerContactStep(app: FastifyInstance, ctx: EnrollmentContext): void {
  const { deps } = ctx;
  const { codes, codesOn } = ctx;
  const notifier = createNotifier({
    db: deps.db,
    clock: deps.clock,
    random: deps.random,
    config: deps.config,
    ...(deps.logger ? { logger: deps.logger } : {}),
  });
  const now = () => deps.clock.now().getTime();
  const again = (reply: FastifyReply, e: Enrollment) => reply.redirect(`${stepUrl(e)}?flyttet=1`, 303);

  /**
   * Issues a code for the channel's current value and enqueues its message in the same
   * transaction (the outbox): a code exists exactly when its message does. An error message if
   * it cannot.
   */
  async function sendCode(req: FastifyRequest, e: Enrollment, c: Channel): Promise<string | undefined> {
    const value = c.value(e);
    if (!value) return undefined;
    const t = req.t;
    const issued = await notifier.transaction(async (trx) => {
      const result = await codesOn(trx).issue(e.id, c.policy, value);
      if (!result.ok) return result;
      await notifier.enqueue(
        trx,
        c.key === 'mobile'
          ? {
              channel: 'sms',
              to: value,
              subject: '',
              body: t('wizard.contact.smsBody', { code: result.code }),
            }
          : {
              channel: 'email',
              to: value,
              subject: t('wizard.contact.emailSubject'),
              body: t('wizard.contact.emailBody', { code: result.code }),
            },
      );
      return result;
    });
    if (!issued.ok) {
      const m = codeProblemMessage(issued, c.policy);
      return req.t(m.id, m.params);
    }
    return undefined;
  }

  app.get('/tilmelding/:id/kontakt', async (req, reply) => {
    const e = await flowAt(ctx, req, reply, 'contact');
    return e ? render(ctx, req, reply, e) : reply;
  });

  app.post(
    '/tilmelding/:id/kontakt',
    { config: { rateLimit: { max: perAddressMax('pages'), timeWindow: 60_000 } } },
    async (req, reply) => {
      const e = await flowAt(ctx, req, reply, 'contact');
      if (!e) return reply;
      const form = req.body as Form;
      const version = postedVersion(form);
      if (version !== e.version) return again(reply, e);
      const action = field(form, 'action', 20);
      const t = req.t;

      if (action === 'continue') {
        if (!contactEnough(e.state, ctx.kinds)) {
          const missing = offerOf(ctx, e).contactMissing;
          const message = missing ? t(missing) : t('wizard.contact.needOne');
          return render(ctx, req, reply, e, { errors: [{ field: 'continue', message }] });
        }
        return advance(ctx, reply, e, form, { type: 'continue' });
      }

      const which = action.startsWith('email')
        ? channels.email
        : action.startsWith('mobile')
          ? channels.mobile
          : undefined;
      if (!which) return render(ctx, req, reply, e);
      const sub = action.slice(which.key.length);

      if (sub === '') {
        // Enter the number / address and send its code.
        if (which.value(e)) return again(reply, e);
        const raw = field(form, which.key, 300);
        const value = which.key === 'mobile' ? parseDanishMobile(raw) : parseEmail(raw);
        if (!value) {
          const message =
            which.key === 'mobile' ? t('wizard.contact.mobileInvalid') : t('wizard.contact.emailInvalid');
          return render(ctx, req, reply, e, {
            errors: [{ field: which.key, message }],
            typed: { [which.key]: raw.slice(0, 300) },
          });
        }
        if (!(await ctx.enrollments.patch(e.id, version, { [which.key]: value }, now())))
          return again(reply, e);
        const fresh = (await ctx.enrollments.get(e.id)) ?? e;
        const problem = await sendCode(req, fresh, which);
        if (problem)
          return render(ctx, req, reply, fresh, {
            errors: [{ field: `${which.key}Code`, message: problem }],
          });
        return reply.redirect(stepUrl(fresh), 303);
      }

      if (sub === 'Code') {
        const value = which.value(e);
        if (!value || which.confirmed(e)) return again(reply, e);
        const input = field(form, `${which.key}Code`, 20);
        const verified = await codes.verify(e.id, which.policy, input);
        if (!verified.ok || verified.subject !== value) {
          const m = verified.ok
            ? { id: 'enrollment.code.notFound' as const, params: {} }
            : codeProblemMessage(verified, which.policy);
          return render(ctx, req, reply, e, {
            errors: [{ field: `${which.key}Code`, message: t(m.id, m.params) }],
          });
        }
        return advance(ctx, reply, e, form, { type: 'contactConfirmed', channel: which.key });
      }

      if (sub === 'Resend') {
        if (!which.value(e) || which.confirmed(e)) return again(reply, e);
        const problem = await sendCode(req, e, which);
        if (problem)
          return render(ctx, req, reply, e, { errors: [{ field: `${which.key}Code`, message: problem }] });
        return render(ctx, req, reply, e, { info: t('wizard.contact.resent') });
      }

      if (sub === 'Change') {
        // "Ret mobilnummer": forget the value (and its confirmation) so a new one can be entered.
        if (which.confirmed(e)) {
          const r = await ctx.enrollments.apply(
            e.id,
            version,
            { type: 'contactChanged', channel: which.key },
            { [which.key]: null },
            now(),
          );
          return reply.redirect(r.ok ? stepUrl(r.enrollment) : `${stepUrl(e)}?flyttet=1`, 303);
        }
        if (!(await ctx.enrollments.patch(e.id, version, { [which.key]: null }, now())))
          return again(reply, e);
        return reply.redirect(stepUrl(e), 303);
      }
      return render(ctx, req, reply, e);
    },
  );
}
