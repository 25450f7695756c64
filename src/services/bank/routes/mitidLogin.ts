/**
 * Logging in to Min Bank with MitID, through the broker (src/services/bank/mitidLogin.ts).
 * Rules: only the browser that started a login can finish it, once (the relying party's state
 * cookie); the person cancelling, a replayed or foreign callback, a provider error and a person
 * who is not a customer each get a clear page and no session; a failure of the provider or of the
 * token checks is logged, never shown. A login starts a fresh session id and keeps the ID token,
 * so that the logout can end the MitID session too (login.ts).
 * Min Bank is a private service (decision 0013 §1): the customer is found by `mitid.uuid`
 * (customers.mitid_uuid). An unknown uuid makes the bank ask MitID again at once with `ssn`: MitID
 * reuses its session and asks the person only for the CPR number (the CPR match); the confirmed
 * `dk.cpr` finds the customer, whose row is then linked to the uuid. That second round is marked
 * by a signed cookie, so a broker that gives no CPR cannot make the bank ask forever.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceDeps } from '../../../config/deps.ts';
import { perAddress, perAddressMax } from '../../../platform/http/perAddress.ts';
import type { Sessions } from '../../../platform/http/session.ts';
import type { RelyingParty } from '../../../platform/oidc/relyingParty.ts';
import type { BankSession } from '../bankSession.ts';
import type { CustomerStore } from '../customerStore.ts';
import type { BankDb } from '../db/schema.ts';
import {
  cprOf,
  MITID_CALLBACK_PATH,
  mitidFactsOf,
  mitidUuidOf,
  sidOf,
  signaturgruppenParams,
} from '../mitidLogin.ts';
import { afterLogin } from './cardDetails.ts';
import { loginFailed } from './loginFailed.ts';

const RETRY = '/login/mitid';
/** Marks the login that asks for the CPR number (the second round of a first MitID login). */
const CPR_ROUND_COOKIE = 'minbank_mitid_cpr';

export function registerMitidLogin(
  app: FastifyInstance,
  deps: ServiceDeps<BankDb>,
  sessions: Sessions<BankSession>,
  customers: CustomerStore,
  mitid: RelyingParty,
): void {
  app.get(RETRY, { config: { rateLimit: perAddress('pages') } }, async (req, reply) => {
    let url: string;
    try {
      url = await mitid.begin(reply, signaturgruppenParams(req.lang));
    } catch (err) {
      req.log.error({ err }, 'MitID discovery failed');
      return loginFailed(reply, req.t, 'bank.login.mitidUnavailable', 503, RETRY);
    }
    return reply.redirect(url);
  });

  /** A first MitID login at the bank: MitID again, with ssn (its session is reused: only the CPR). */
  const askCpr = async (req: FastifyRequest, reply: FastifyReply) => {
    let url: string;
    try {
      url = await mitid.begin(reply, signaturgruppenParams(req.lang, { cpr: true }));
    } catch (err) {
      req.log.error({ err }, 'MitID discovery failed');
      return loginFailed(reply, req.t, 'bank.login.mitidUnavailable', 503, RETRY);
    }
    reply.setCookie(CPR_ROUND_COOKIE, '1', {
      path: MITID_CALLBACK_PATH,
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.config.bankUrl.startsWith('https:'),
      signed: true,
      maxAge: 600,
    });
    return reply.redirect(url);
  };

  app.get(
    MITID_CALLBACK_PATH,
    { config: { rateLimit: { max: perAddressMax('pages'), timeWindow: 60_000 } } },
    async (req, reply) => {
      const t = req.t;
      const cprRound = req.unsignCookie(req.cookies[CPR_ROUND_COOKIE] ?? '').value === '1';
      if (req.cookies[CPR_ROUND_COOKIE] !== undefined)
        reply.clearCookie(CPR_ROUND_COOKIE, { path: MITID_CALLBACK_PATH });
      const result = await mitid.complete(req, reply);
      if (!result.ok) {
        switch (result.reason) {
          case 'no_login':
            req.log.info('MitID callback without a login of this browser');
            return loginFailed(reply, t, 'bank.login.noLogin', 400, RETRY);
          case 'cancelled':
            if (result.description === 'cpr_match_exceeded') {
              req.log.info('MitID CPR match exceeded at the first MitID login');
              return loginFailed(reply, t, 'bank.login.cprMatchExceeded', 400, RETRY);
            }
            return loginFailed(reply, t, 'bank.login.mitidCancelled', 400, RETRY);
          case 'refused':
            req.log.warn({ error: result.error }, 'MitID refused the login');
            return loginFailed(reply, t, 'bank.login.failed', 400, RETRY);
          case 'failed':
            req.log.error({ err: result.cause }, 'MitID login failed');
            return loginFailed(reply, t, 'bank.login.mitidUnavailable', 502, RETRY);
        }
      }
      const uuid = mitidUuidOf(result.userinfo);
      if (!uuid) {
        req.log.error('MitID userinfo without mitid.uuid (is the mitid scope granted to minbank?)');
        return loginFailed(reply, t, 'bank.login.mitidUnavailable', 502, RETRY);
      }
      let customer = await customers.getByMitidUuid(uuid);
      if (!customer) {
        const cpr = cprOf(result.userinfo);
        if (!cpr && cprRound) {
          req.log.error('MitID userinfo without dk.cpr after asking for it (scope ssn)');
          return loginFailed(reply, t, 'bank.login.mitidUnavailable', 502, RETRY);
        }
        if (!cpr) return await askCpr(req, reply);
        customer = await customers.getByCpr(cpr);
        if (!customer) return loginFailed(reply, t, 'bank.login.notCustomerMitid', 403, RETRY);
        if (!(await customers.linkMitidUuid(cpr, uuid))) {
          req.log.warn({ customerNo: customer.customer_no }, 'customer already linked to another MitID uuid');
          return loginFailed(reply, t, 'bank.login.mitidOfOther', 409, RETRY);
        }
        req.log.info({ customerNo: customer.customer_no }, 'MitID uuid linked at the first MitID login');
      }
      await sessions.start(
        req,
        reply,
        {
          cpr: customer.cpr,
          name: customer.name,
          loggedInAt: deps.clock.now().getTime(),
          method: 'mitid',
          mitidLater: false,
          idToken: result.idToken,
          mitidSub: result.claims.sub,
          ...mitidFactsOf(result.claims, result.userinfo),
        },
        sidOf(result.claims),
      );
      req.log.info({ customerNo: customer.customer_no }, 'customer logged in with MitID');
      return reply.redirect(
        afterLogin(req, reply, mitidFactsOf(result.claims, result.userinfo).loa) ?? '/oversigt',
      );
    },
  );
}
