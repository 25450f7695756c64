/**
 * "Kortoplysninger": Min Bank's page that needs MitID at level High (decision 0013 §3's step-up
 * demo). Rules: only a logged-in customer; the details are shown only when the session's MitID
 * login reached High (the ID token's `loa`, kept at the callback); otherwise the page says why and
 * offers "Bekræft med MitID", which asks MitID again with `prompt=login`, `loa_value=high`,
 * `enable_step_up` and the session's `uuid_hint` (a customer logged in with MitID: the app asks
 * only the PIN), and comes back here after the callback.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceDeps } from '../../../config/deps.ts';
import { html } from '../../../platform/html/html.ts';
import { perAddress } from '../../../platform/http/perAddress.ts';
import type { Sessions } from '../../../platform/http/session.ts';
import type { RelyingParty } from '../../../platform/oidc/relyingParty.ts';
import type { BankSession } from '../bankSession.ts';
import type { CustomerStore } from '../customerStore.ts';
import type { BankDb } from '../db/schema.ts';
import { MITID_CALLBACK_PATH, signaturgruppenParams } from '../mitidLogin.ts';
import { loginFailed } from './loginFailed.ts';
import { logoutButton } from './overview.ts';

export const CARDS_PATH = '/kort';
const STEP_UP_PATH = '/kort/mitid';
/** Where the MitID callback sends the customer after a login that a page asked for (signed). */
export const AFTER_LOGIN_COOKIE = 'minbank_after_login';
export const HIGH = 'https://data.gov.dk/concept/core/nsis/High';

/** A demo card of the customer: the same digits every time, from the customer number. */
function cardOf(customerNo: string): { number: string; expiry: string } {
  const d = createHash('sha256').update(`card:${customerNo}`).digest();
  const digits = [...d.subarray(0, 10)].map((b) => String(b % 10)).join('');
  const number = `457100${digits}`.replace(/(\d{4})(?=\d)/g, '$1 ');
  return {
    number,
    expiry: `${String(((d[10] as number) % 12) + 1).padStart(2, '0')}/${29 + ((d[11] as number) % 3)}`,
  };
}

/** The step-up's Signaturgruppen parameters: the login's, at High, as a new login of this person. */
export function stepUpParams(lang: 'da' | 'en', uuid: string | undefined): Record<string, string> {
  const base = signaturgruppenParams(lang);
  const mitid = (JSON.parse(base.idp_params as string) as { mitid: Record<string, unknown> }).mitid;
  return {
    ...base,
    prompt: 'login',
    idp_params: JSON.stringify({
      mitid: {
        ...mitid,
        loa_value: 'high',
        ...(uuid ? { enable_step_up: true, uuid_hint: uuid } : {}),
      },
    }),
  };
}

export function registerCardDetails(
  app: FastifyInstance,
  deps: ServiceDeps<BankDb>,
  sessions: Sessions<BankSession>,
  customers: CustomerStore,
  mitid: RelyingParty,
): void {
  const secure = deps.config.bankUrl.startsWith('https:');
  const sessionOf = async (req: FastifyRequest, reply: FastifyReply) => {
    const session = await sessions.load(req);
    if (!session) await reply.redirect('/');
    return session;
  };

  app.get(CARDS_PATH, async (req, reply) => {
    const session = await sessionOf(req, reply);
    if (!session) return reply;
    const customer = await customers.getByCpr(session.cpr);
    if (!customer) {
      await sessions.end(req, reply);
      return reply.redirect('/');
    }
    const t = req.t;
    const csrf = reply.generateCsrf();
    const back = html`<p><a href="/oversigt">${t('bank.cards.back')}</a></p>`;
    if (session.method !== 'mitid' || session.loa !== HIGH) {
      const tried = (req.query as Record<string, unknown>).niveau === 'lavt';
      return reply.page(
        t('bank.cards.title'),
        html`<h1>${t('bank.cards.title')}</h1>
${tried ? html`<div class="alert alert-warning" role="status"><div class="alert-body"><p class="alert-text">${t('bank.cards.notHigh')}</p></div></div>` : ''}
<p>${t('bank.cards.stepUp')}</p>
<p><a class="button button-primary" href="${STEP_UP_PATH}">${t('bank.cards.confirm')}</a></p>
${back}`,
        { headerExtra: logoutButton(t, csrf) },
      );
    }
    const card = cardOf(customer.customer_no);
    return reply.page(
      t('bank.cards.title'),
      html`<h1>${t('bank.cards.title')}</h1>
<dl class="card-details">
  <dt>${t('bank.cards.card')}</dt><dd>${t('bank.cards.number')}: <span id="card-number">${card.number}</span></dd>
  <dt>${t('bank.cards.expiry')}</dt><dd>${card.expiry}</dd>
  <dt>${t('bank.cards.holder')}</dt><dd>${customer.name}</dd>
</dl>
${back}`,
      { headerExtra: logoutButton(t, csrf) },
    );
  });

  app.get(STEP_UP_PATH, { config: { rateLimit: perAddress('pages') } }, async (req, reply) => {
    const session = await sessionOf(req, reply);
    if (!session) return reply;
    let url: string;
    try {
      url = await mitid.begin(
        reply,
        stepUpParams(req.lang, session.method === 'mitid' ? session.mitidUuid : undefined),
      );
    } catch (err) {
      req.log.error({ err }, 'MitID discovery failed');
      return loginFailed(reply, req.t, 'bank.login.mitidUnavailable', 503, CARDS_PATH);
    }
    reply.setCookie(AFTER_LOGIN_COOKIE, CARDS_PATH, {
      path: MITID_CALLBACK_PATH,
      httpOnly: true,
      sameSite: 'lax',
      secure,
      signed: true,
      maxAge: 600,
    });
    return reply.redirect(url);
  });
}

/** Where a login that a page asked for goes back to (and the cookie cleared), else undefined. */
export function afterLogin(
  req: FastifyRequest,
  reply: FastifyReply,
  loa: string | undefined,
): string | undefined {
  const raw = req.cookies[AFTER_LOGIN_COOKIE];
  if (!raw) return undefined;
  reply.clearCookie(AFTER_LOGIN_COOKIE, { path: MITID_CALLBACK_PATH });
  const unsigned = req.unsignCookie(raw);
  if (!unsigned.valid || unsigned.value !== CARDS_PATH) return undefined;
  return loa === HIGH ? CARDS_PATH : `${CARDS_PATH}?niveau=lavt`;
}
