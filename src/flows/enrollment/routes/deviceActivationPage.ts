/**
 * The activation of a code display or code reader (decision 0014 §5; the guide's "Sådan aktiverer
 * du MitID kodeviser", steps 2–4 on one page): create the password (twice, the rules listed and
 * checked live), type the serial from the back, press the button and type the code. Rules:
 * - every field is checked before anything is tried, each with its own message (the error
 *   summary links to it); the password's rules are the password kind's, through the port;
 * - a wrong serial is limited to SERIAL_TRIES per enrollment per hour: a try is counted before
 *   the port is asked (so parallel posts cannot pass the limit) and given back when the serial
 *   turned out right; wrong codes are the device's own counters (the port says so);
 * - nothing is written on a refusal but those counters; the passwords are never shown back,
 *   stored in the page, or logged;
 * - after the activation the page says "Din MitID er klar" and how to log in: the enrollment has
 *   ended (the authenticator.activated hook), so this answer is the flow's last page.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { MessageId, T } from '../../../i18n/catalogue.ts';
import { HOUR } from '../../../platform/clock.ts';
import { csrfField, type FieldError, primaryButton, textField } from '../../../platform/html/components.ts';
import { html, type SafeHtml } from '../../../platform/html/html.ts';
import { RateCounters } from '../../../platform/http/RateCounters.ts';
import { formatOrderTime } from '../../../platform/time/formatOrderTime.ts';
import type { DeviceOrder } from '../../orders/index.ts';
import type { DeviceActivation, DeviceActivationResult } from '../deviceActivation.ts';
import type { Enrollment } from '../EnrollmentStore.ts';
import type { EnrollmentContext } from './enrollmentContext.ts';
import { isSixDigits, normaliseSerial, SERIAL_EXAMPLE, SERIAL_PREFIX, typedCode } from './serialField.ts';
import { type Form, field } from './stepRoute.ts';
import { wizardPage } from './wizardPage.ts';

export const SERIAL_TRIES = 5;
const SERIAL_SCOPE = 'enrollment.serial';
/** Served by the password kind (kinds/password: registerPasswordStatic), loaded by URL. */
const PASSWORD_LIVE_JS = '/static/password/passwordLive.js';
/** The rules the page lists (all but "missing", which is only a refusal). */
const LISTED_RULES: MessageId[] = [
  'password.rule.tooShort',
  'password.rule.tooLong',
  'password.rule.containsUserId',
  'password.rule.tenDigits',
  'password.rule.commonWord',
  'password.rule.keyboardRow',
];
const MAX_PASSWORD_FIELD = 256;

export interface DeviceActivationView {
  e: Enrollment;
  order: DeviceOrder;
  kind: 'codeDisplay' | 'codeReader';
  device: string;
  statusBlock: SafeHtml;
  backToRa: SafeHtml;
}

function rulesList(t: T, userId: string): SafeHtml {
  return html`<h3 id="password-rules-title">${t('password.rules.title')}</h3>
<ul id="password-rules" class="password-rules" aria-labelledby="password-rules-title" data-user-id="${userId}"
    data-ok="${t('password.rules.met')}" data-broken="${t('password.rules.broken')}" data-all-ok="${t('password.rules.allOk')}">
  ${LISTED_RULES.map((id) => html`<li data-rule="${id}"><span class="password-rule-text">${t(id)}</span> <span class="password-rule-state"></span></li>`)}
</ul>`;
}

export function renderDeviceActivation(
  req: FastifyRequest,
  reply: FastifyReply,
  v: DeviceActivationView,
  typed: { serial?: string } = {},
  errors: FieldError[] = [],
  status?: number,
): FastifyReply {
  const t = req.t;
  const csrf = reply.generateCsrf();
  const { e, kind, device } = v;
  const errorOf = (name: string): string | undefined => {
    const mine = errors.filter((x) => x.field === name).map((x) => x.message);
    return mine.length ? mine.join(' ') : undefined;
  };
  const last4 = v.order.serialNumber?.slice(-4);
  const body = html`${v.statusBlock}<p>${t('deviceActivation.intro', { device })}</p>
<form method="post" action="/tilmelding/${e.id}/aktiver" novalidate>
  ${csrfField(csrf)}<input type="hidden" name="version" value="${e.version}"><input type="hidden" name="action" value="device">
  <h2>${t('deviceActivation.passwordTitle')}</h2>
  ${rulesList(t, e.userId ?? '')}
  ${textField({ t, name: 'password', type: 'password', label: t('deviceActivation.password'), autocomplete: 'new-password', maxlength: 64, error: errorOf('password') })}
  <div id="password-live" class="password-live" aria-live="polite"></div>
  ${textField({ t, name: 'passwordAgain', type: 'password', label: t('deviceActivation.passwordAgain'), autocomplete: 'new-password', maxlength: 64, error: errorOf('passwordAgain') })}
  <h2>${t('deviceActivation.serialTitle', { device })}</h2>
  ${textField({
    t,
    name: 'serial',
    label: t('deviceActivation.serial'),
    value: typed.serial ?? '',
    hint: last4
      ? t('deviceActivation.serialHint', { example: SERIAL_EXAMPLE[kind], device, last4 })
      : t('deviceActivation.serialHintNoOrder', { example: SERIAL_EXAMPLE[kind] }),
    maxlength: 20,
    error: errorOf('serial'),
  })}
  <h2>${kind === 'codeReader' ? t('deviceActivation.codeTitleReader') : t('deviceActivation.codeTitleDisplay')}</h2>
  ${textField({ t, name: 'code', label: t('deviceActivation.code'), hint: t('deviceActivation.codeHint'), inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: 7, className: 'input-width-xs', error: errorOf('code') })}
  ${primaryButton(t('deviceActivation.submit'))}
</form>
${v.backToRa}
<script type="module" src="${PASSWORD_LIVE_JS}"></script>`;
  return wizardPage(req, reply, {
    enrollment: e,
    step: 'activation',
    title: t('wizard.activate.titleDevice', { device }),
    body,
    csrf,
    errors,
    ...(status ? { status } : {}),
  });
}

function renderDone(req: FastifyRequest, reply: FastifyReply, v: DeviceActivationView): FastifyReply {
  const t = req.t;
  const body = html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${t('deviceActivation.done', { device: v.device })}</p></div></div>
<p>${t('deviceActivation.howToLogIn', { userId: v.e.userId ?? '', device: v.device })}</p>
${v.backToRa}`;
  return reply.page(
    t('deviceActivation.doneTitle'),
    html`<h1>${t('deviceActivation.doneTitle')}</h1>${body}`,
  );
}

/** The fields' own problems, before anything is tried (message texts by field). */
function fieldErrors(
  t: T,
  port: DeviceActivation,
  v: DeviceActivationView,
  f: {
    password: string;
    passwordAgain: string;
    serialTyped: string;
    serial: string | undefined;
    code: string;
  },
): FieldError[] {
  const errors: FieldError[] = [];
  const device = v.device;
  for (const id of port.passwordProblems(f.password, v.e.userId ?? ''))
    errors.push({ field: 'password', message: t(id) });
  if (f.password !== '') {
    if (f.passwordAgain === '')
      errors.push({ field: 'passwordAgain', message: t('deviceActivation.error.passwordAgainMissing') });
    else if (f.passwordAgain.normalize('NFC') !== f.password.normalize('NFC'))
      errors.push({ field: 'passwordAgain', message: t('deviceActivation.error.passwordMismatch') });
  }
  if (f.serialTyped.trim() === '')
    errors.push({ field: 'serial', message: t('deviceActivation.error.serialMissing', { device }) });
  else if (!f.serial)
    errors.push({
      field: 'serial',
      message: t('deviceActivation.error.serialFormat', {
        prefix: SERIAL_PREFIX[v.kind],
        example: SERIAL_EXAMPLE[v.kind],
      }),
    });
  if (f.code === '') errors.push({ field: 'code', message: t('deviceActivation.error.codeMissing') });
  else if (!isSixDigits(f.code))
    errors.push({ field: 'code', message: t('deviceActivation.error.codeFormat') });
  return errors;
}

/** The port's refusal as the field it is about. */
function refusalError(
  req: FastifyRequest,
  v: DeviceActivationView,
  r: Exclude<DeviceActivationResult, { ok: true }>,
): FieldError[] {
  const t = req.t;
  const time = r.until ? formatOrderTime(req.lang, r.until) : '';
  switch (r.reason) {
    case 'password_rules':
      return (r.problems ?? ['password.rule.missing']).map((id) => ({ field: 'password', message: t(id) }));
    case 'serial_wrong':
      return [{ field: 'serial', message: t('deviceActivation.error.serialWrong', { device: v.device }) }];
    case 'code_format':
      return [{ field: 'code', message: t('deviceActivation.error.codeFormat') }];
    case 'code_wrong':
      return [{ field: 'code', message: t('deviceActivation.error.codeWrong') }];
    case 'code_slowed':
      return [{ field: 'code', message: t('deviceActivation.error.codeSlowed', { time }) }];
    case 'not_activatable':
      return [{ field: 'serial', message: t('deviceActivation.error.notActivatable') }];
  }
}

export async function postDeviceActivation(
  ctx: EnrollmentContext,
  port: DeviceActivation,
  req: FastifyRequest,
  reply: FastifyReply,
  v: DeviceActivationView,
): Promise<FastifyReply> {
  const form = req.body as Form;
  const password = field(form, 'password', MAX_PASSWORD_FIELD);
  const passwordAgain = field(form, 'passwordAgain', MAX_PASSWORD_FIELD);
  const serialTyped = field(form, 'serial', 40);
  const serial = normaliseSerial(serialTyped, v.kind);
  const code = typedCode(field(form, 'code', 20));
  const typed = { serial: serialTyped.slice(0, 40) };
  const errors = fieldErrors(req.t, port, v, { password, passwordAgain, serialTyped, serial, code });
  if (errors.length > 0 || !serial || !v.e.identityId || !v.e.userId)
    return renderDeviceActivation(req, reply, v, typed, errors, 400);

  const now = ctx.deps.clock.now().getTime();
  const counters = new RateCounters(ctx.deps.db);
  const hit = await counters.hit(SERIAL_SCOPE, v.e.id, SERIAL_TRIES, HOUR, now);
  if (!hit.ok) {
    const message = req.t('deviceActivation.error.serialLimit', {
      time: formatOrderTime(req.lang, now + hit.retryAfterMs),
    });
    return renderDeviceActivation(req, reply, v, typed, [{ field: 'serial', message }], 429);
  }
  const result = await port.activate({
    identityId: v.e.identityId,
    cpr: v.e.cpr,
    userId: v.e.userId,
    kind: v.kind,
    serial,
    code,
    password,
    orderId: v.order.id,
  });
  if (result.ok || result.reason !== 'serial_wrong') await counters.refund(SERIAL_SCOPE, v.e.id, HOUR, now);
  if (result.ok) {
    req.log.info({ enrollmentId: v.e.id, kind: v.kind }, 'code device and password activated');
    return renderDone(req, reply, v);
  }
  req.log.info({ enrollmentId: v.e.id, reason: result.reason }, 'device activation refused');
  return renderDeviceActivation(
    req,
    reply,
    v,
    typed,
    refusalError(req, v, result),
    result.reason === 'code_slowed' ? 429 : 400,
  );
}
