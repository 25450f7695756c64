/**
 * Step 5: choose a user-ID. Rules (src/core/identity/userIdRules.ts, domain-facts):
 * - every broken rule is named in its own message, live as the person types (userIdLive.js) and
 *   again on the server after FORTSÆT;
 * - unique without regard to case, also when two people pick the same at the same moment (the
 *   identity store's unique index decides); another person's NemID user-ID is reserved for them;
 * - the person's own NemID user-ID is suggested unless it is a CPR number (or breaks a rule);
 * - choosing creates the person's MitID identity with the confirmed contact details. A repeated
 *   post, or a retry after a crash between the two writes, links the identity that exists;
 * - "taken" tells which user-IDs exist: 20 user-IDs are checked per enrollment (userIdChecks.ts).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Contact, IdentityStore } from '../../../core/identity/index.ts';
import { IdentityError, USER_ID_MAX_LENGTH, userIdProblems } from '../../../core/identity/index.ts';
import { catalogue, isMessageId } from '../../../i18n/catalogue.ts';
import { csrfField, type FieldError, primaryButton, textField } from '../../../platform/html/components.ts';
import { html } from '../../../platform/html/html.ts';
import { perAddressMax } from '../../../platform/http/perAddress.ts';
import { nemidUserIdSuggestionFor } from '../../nemid/index.ts';
import type { Enrollment } from '../EnrollmentStore.ts';
import { enrollmentStaticPrefix } from '../renderLegalHtml.ts';
import { countUserIdCheck } from '../userIdChecks.ts';
import { type EnrollmentContext, stepUrl } from './enrollmentContext.ts';
import { type Form, field, flowAt, movedNotice, postedVersion } from './stepRoute.ts';
import { wizardPage } from './wizardPage.ts';

const liveMessageIds = [
  'enrollment.userId.missing',
  'enrollment.userId.tooShort',
  'enrollment.userId.tooLong',
  'enrollment.userId.invalidCharacters',
  'enrollment.userId.leadingOrTrailingSpace',
  'enrollment.userId.looksLikeCpr',
] as const;

/** `identities` checks user-IDs, so it is made with the NemID reservation (registerEnrollment). */
export function registerUserIdStep(
  app: FastifyInstance,
  ctx: EnrollmentContext,
  identities: IdentityStore,
): void {
  const suggestion = (e: Enrollment): Promise<string | undefined> =>
    nemidUserIdSuggestionFor(ctx.deps.db, e.cpr);

  async function render(
    req: FastifyRequest,
    reply: FastifyReply,
    e: Enrollment,
    typed = '',
    errors: FieldError[] = [],
  ): Promise<FastifyReply> {
    const t = req.t;
    const csrf = reply.generateCsrf();
    const suggested = await suggestion(e);
    const messages: Record<string, string> = { ok: t('wizard.userId.allGood') };
    for (const id of liveMessageIds) messages[id] = catalogue[id][req.lang];
    const body = html`<p>${t('wizard.userId.intro')}</p>
<p>${t('wizard.userId.notCpr')}</p>
<p>${t('wizard.userId.advice')}</p>
<p>${t('wizard.userId.dontShare')}</p>
<h2>${t('enrollment.userId.requirementsTitle')}</h2>
<ul>
  <li>${t('enrollment.userId.requirement.notCpr')}</li>
  <li>${t('enrollment.userId.requirement.length')}
    <ul>
      <li>${t('enrollment.userId.requirement.letters')}</li>
      <li>${t('enrollment.userId.requirement.digits')}</li>
      <li>${t('enrollment.userId.requirement.specials')}</li>
    </ul>
  </li>
  <li>${t('enrollment.userId.requirement.unique')}</li>
</ul>
${suggested ? html`<div class="alert alert-info"><div class="alert-body"><p class="alert-text">${t('wizard.userId.suggestion', { userId: suggested })}</p></div></div>` : ''}
<form method="post" action="/tilmelding/${e.id}/bruger-id" novalidate>
  ${csrfField(csrf)}
  <input type="hidden" name="version" value="${e.version}">
  ${textField({
    t,
    name: 'userId',
    label: t('wizard.userId.label'),
    value: typed || suggested || '',
    error: errors.length ? errors.map((x) => x.message).join(' ') : undefined,
    autocomplete: 'username',
    maxlength: USER_ID_MAX_LENGTH + 10,
  })}
  <div id="userId-live" class="userid-live" aria-live="polite" data-messages="${JSON.stringify(messages)}"></div>
  ${primaryButton(t('wizard.continue'))}
</form>
<script type="module" src="${enrollmentStaticPrefix}userIdLive.js"></script>`;
    return wizardPage(req, reply, {
      enrollment: e,
      step: 'userId',
      title: t('wizard.userId.title'),
      body,
      csrf,
      errors,
      ...(errors.length ? { status: 400 } : {}),
      ...(movedNotice(req) ? { notice: movedNotice(req) } : {}),
    });
  }

  app.get('/tilmelding/:id/bruger-id', async (req, reply) => {
    const e = await flowAt(ctx, req, reply, 'userId');
    return e ? render(req, reply, e) : reply;
  });

  app.post(
    '/tilmelding/:id/bruger-id',
    { config: { rateLimit: { max: perAddressMax('pages'), timeWindow: 60_000 } } },
    async (req, reply) => {
      const e = await flowAt(ctx, req, reply, 'userId');
      if (!e) return reply;
      const form = req.body as Form;
      const version = postedVersion(form);
      if (version !== e.version) return reply.redirect(`${stepUrl(e)}?flyttet=1`, 303);
      const t = req.t;
      const userId = field(form, 'userId', USER_ID_MAX_LENGTH + 10);
      const problems = userIdProblems(userId, { cpr: e.cpr });
      const fail = (messages: string[]) =>
        render(
          req,
          reply,
          e,
          userId,
          messages.map((message) => ({ field: 'userId', message })),
        );
      if (problems.length) {
        return fail(problems.map((p) => t(p.id, 'params' in p ? p.params : {})));
      }
      const now = ctx.deps.clock.now().getTime();
      if (!(await countUserIdCheck(ctx.deps.db, e.id, now))) return fail([t('wizard.userId.tooManyChecks')]);
      const contacts: Contact[] = [];
      if (e.mobile && e.state.mobileConfirmed)
        contacts.push({ channel: 'mobile', value: e.mobile, confirmedAt: now });
      if (e.email && e.state.emailConfirmed)
        contacts.push({ channel: 'email', value: e.email, confirmedAt: now });
      let identity = await identities
        // The MitID uuid (identities.id) is a UUID: services get it (decision 0012 §3), and the
        // brokers' dialects accept only that form (uuid_hint, simulation, login_hint uuid:).
        .createIdentity({ cpr: e.cpr, userId, contacts }, now, randomUUID())
        .catch((err: unknown) => err);
      if (identity instanceof IdentityError) {
        if (identity.reason === 'userIdTaken') return fail([t('enrollment.userId.taken')]);
        if (identity.reason === 'userIdReserved') return fail([t('wizard.userId.reserved')]);
        if (identity.reason === 'invalidUserId') {
          return fail(
            identity.problems.map((p) => (isMessageId(p.id) ? t(p.id, 'params' in p ? p.params : {}) : p.id)),
          );
        }
        if (identity.reason === 'alreadyHasMitid') {
          // A repeated post, or a retry after a crash: link the identity this flow made, if it did.
          const existing = await identities.getByCpr(e.cpr);
          if (!existing || (e.identityId && e.identityId !== existing.id))
            return fail([t('wizard.userId.alreadyHasMitid')]);
          identity = existing;
        } else {
          throw identity;
        }
      } else if (identity instanceof Error || !identity) {
        throw identity;
      }
      const created = identity as { id: string; userId: string };
      const result = await ctx.enrollments.apply(
        e.id,
        version,
        { type: 'userIdChosen' },
        { userId: created.userId, identityId: created.id },
        now,
      );
      const where = result.ok ? result.enrollment : (result.enrollment ?? e);
      return reply.redirect(result.ok ? stepUrl(where) : `${stepUrl(where)}?flyttet=1`, 303);
    },
  );
}
