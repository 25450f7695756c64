/**
 * Min Bank's transfers approved with MitID (issue 10 item 1; decision 0013 §2). The steps:
 *
 *   GET  /overfoersel            the form (a MitID session only)
 *   POST /overfoersel            every field checked (own messages, nothing stored) → the text to approve
 *   POST /overfoersel/godkend    checked again, counted per customer, stored awaiting_approval, pushed (PAR) → MitID
 *   GET  /auth/mitid/transfer-callback   the answer: verified, then booked in one transaction, or marked not booked
 *   GET  /overfoersel/:id        the receipt (booked) with its evidence; /overfoersel/:id/bevis the decoded token
 *
 * Rules: only the browser that pushed an approval can finish it, once (the relying party's state
 * cookie, which also names the transfer); the transfer must be this session's customer's and still
 * awaiting approval, within APPROVAL_WINDOW_MS; the token is verified (verifyTransactionToken)
 * against what the bank stored and renders itself, never against what the browser sends; a
 * refusal, a cancel, an expiry or a failed check books nothing and says so, with "Prøv igen".
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceDeps } from '../../../config/deps.ts';
import { html } from '../../../platform/html/html.ts';
import { perAddress, perAddressMax } from '../../../platform/http/perAddress.ts';
import type { Sessions } from '../../../platform/http/session.ts';
import type { BankSession } from '../bankSession.ts';
import type { CustomerStore } from '../customerStore.ts';
import type { BankDb } from '../db/schema.ts';
import { BANK_CLIENT_ID } from '../nemidClient.ts';
import { factsOfDetails, paymentDetails, transferText } from './paymentDetails.ts';
import {
  APPROVAL_WINDOW_MS,
  RECENT_MAX,
  RECENT_WINDOW_MS,
  type Transfer,
  TransferStore,
} from './TransferStore.ts';
import {
  approvalParams,
  ProviderKeys,
  TRANSFER_CALLBACK_PATH,
  transferRelyingParty,
} from './transferApproval.ts';
import {
  confirmPage,
  evidencePage,
  formPage,
  messagePage,
  notBookedPage,
  type PageCtx,
  receiptPage,
} from './transferPages.ts';
import { type TransferInput, transferInput, validateTransfer } from './validateTransfer.ts';
import { verifyTransactionToken } from './verifyTransactionToken.ts';

const EMPTY: TransferInput = { from: '', regNo: '', accountNo: '', amount: '', message: '' };

export function registerTransfers(
  app: FastifyInstance,
  deps: ServiceDeps<BankDb>,
  sessions: Sessions<BankSession>,
  customers: CustomerStore,
): void {
  const transfers = new TransferStore(deps.db);
  const rp = transferRelyingParty(deps);
  const provider = new ProviderKeys(rp);
  const now = () => deps.clock.now().getTime();
  const ctx = (req: FastifyRequest, reply: FastifyReply): PageCtx => ({
    reply,
    t: req.t,
    lang: req.lang,
    csrf: reply.generateCsrf(),
  });

  /** The session of a customer logged in with MitID; otherwise the answer is written. */
  const mitidCustomer = async (req: FastifyRequest, reply: FastifyReply) => {
    const session = await sessions.load(req);
    if (!session) {
      await reply.redirect('/');
      return undefined;
    }
    const customer = await customers.getByCpr(session.cpr);
    if (!customer) {
      await sessions.end(req, reply);
      await reply.redirect('/');
      return undefined;
    }
    if (session.method !== 'mitid' || !session.mitidSub) {
      const action = html`<p><a class="button button-primary" href="/login/mitid">${req.t('bank.transfer.loginMitid')}</a></p>`;
      await messagePage(ctx(req, reply), 'bank.transfer.title', 'bank.transfer.needMitid', 403, action);
      return undefined;
    }
    return { session, customer, sub: session.mitidSub };
  };

  app.get('/overfoersel', async (req, reply) => {
    const who = await mitidCustomer(req, reply);
    if (!who) return reply;
    return formPage(ctx(req, reply), await customers.accounts(who.customer.cpr), EMPTY);
  });

  app.post('/overfoersel', async (req, reply) => {
    const who = await mitidCustomer(req, reply);
    if (!who) return reply;
    const accounts = await customers.accounts(who.customer.cpr);
    const input = transferInput(req.body);
    const checked = validateTransfer(input, accounts);
    if (!checked.ok) return formPage(ctx(req, reply), accounts, input, checked.errors);
    const v = checked.value;
    const details = paymentDetails({
      amountOre: v.amountOre,
      debtor: { regNo: v.account.reg_no, accountNo: v.account.account_no },
      creditor: v.creditor,
      message: v.message,
    });
    return confirmPage(ctx(req, reply), input, transferText(details, req.lang));
  });

  app.post('/overfoersel/godkend', { config: { rateLimit: perAddress('pages') } }, async (req, reply) => {
    const who = await mitidCustomer(req, reply);
    if (!who) return reply;
    const accounts = await customers.accounts(who.customer.cpr);
    const input = transferInput(req.body);
    const checked = validateTransfer(input, accounts);
    if (!checked.ok || (req.body as Record<string, unknown>).action === 'edit') {
      return formPage(ctx(req, reply), accounts, input, checked.ok ? [] : checked.errors);
    }
    const at = now();
    if ((await transfers.countSince(who.customer.cpr, at - RECENT_WINDOW_MS)) >= RECENT_MAX) {
      return messagePage(ctx(req, reply), 'bank.transfer.title', 'bank.transfer.tooMany', 429);
    }
    const v = checked.value;
    const details = paymentDetails({
      amountOre: v.amountOre,
      debtor: { regNo: v.account.reg_no, accountNo: v.account.account_no },
      creditor: v.creditor,
      message: v.message,
    });
    const text = transferText(details, req.lang);
    const transfer = await transfers.create({
      id: randomUUID(),
      cpr: who.customer.cpr,
      account_id: v.account.id,
      creditor_reg_no: v.creditor.regNo,
      creditor_account_no: v.creditor.accountNo,
      amount_ore: v.amountOre,
      message: v.message ?? null,
      authorization_details: JSON.stringify(details),
      text,
      lang: req.lang,
      created_at: at,
    });
    let url: string;
    try {
      url = await rp.begin(reply, approvalParams(details, text, req.lang, who.customer.mitid_uuid), {
        pushed: true,
        binding: transfer.id,
      });
    } catch (err) {
      req.log.error({ err }, 'MitID refused or did not answer the pushed approval request');
      await transfers.decline(transfer.id, 'refused', 'par_failed', now());
      return notBookedPage(ctx(req, reply), 'bank.transfer.mitidUnavailable', 503, text);
    }
    req.log.info({ transferId: transfer.id }, 'transfer awaits approval with MitID');
    return reply.redirect(url, 303);
  });

  app.get(
    TRANSFER_CALLBACK_PATH,
    { config: { rateLimit: { max: perAddressMax('pages'), timeWindow: 60_000 } } },
    async (req, reply) => {
      const who = await mitidCustomer(req, reply);
      if (!who) {
        // No bank session (it ended meanwhile): the pending approval is left to expire.
        return reply;
      }
      const c = ctx(req, reply);
      const result = await rp.complete(req, reply, { userinfo: false });
      if (!result.ok && result.reason === 'no_login') {
        req.log.info('transfer callback without an approval of this browser');
        return notBookedPage(c, 'bank.transfer.noApproval', 400);
      }
      const transfer = result.binding ? await transfers.get(result.binding, who.customer.cpr) : undefined;
      if (!transfer) return notBookedPage(c, 'bank.transfer.noApproval', 400);
      const decline = async (status: 'cancelled' | 'refused', reason: string) => {
        await transfers.decline(transfer.id, status, reason, now());
      };
      if (!result.ok) {
        switch (result.reason) {
          case 'cancelled':
            await decline('cancelled', 'access_denied');
            return notBookedPage(c, 'bank.transfer.cancelled', 400, transfer.text);
          case 'refused':
            req.log.warn({ error: result.error, transferId: transfer.id }, 'MitID refused the approval');
            await decline('refused', `error:${result.error}`);
            return notBookedPage(c, 'bank.transfer.refused', 400, transfer.text);
          default:
            req.log.error(
              { err: result.cause, transferId: transfer.id },
              'the approval could not be completed',
            );
            await decline('refused', 'token_request_failed');
            return notBookedPage(c, 'bank.transfer.refused', 502, transfer.text);
        }
      }
      if (transfer.status !== 'awaiting_approval') {
        // Swept as expired meanwhile, or already decided (a second answer).
        const late = transfer.status === 'cancelled' && transfer.reason === 'expired';
        return notBookedPage(
          c,
          late ? 'bank.transfer.expired' : 'bank.transfer.noApproval',
          409,
          transfer.text,
        );
      }
      if (transfer.created_at < now() - APPROVAL_WINDOW_MS) {
        await decline('cancelled', 'expired');
        return notBookedPage(c, 'bank.transfer.expired', 400, transfer.text);
      }
      const refused = await checkApproval(transfer, result.extra.transaction_token, who.sub);
      if (refused) {
        req.log.warn(
          { transferId: transfer.id, problem: refused },
          'transaction token refused; nothing booked',
        );
        await decline('refused', refused);
        const message =
          refused === 'insufficient_funds' ? 'bank.transfer.insufficient' : 'bank.transfer.refused';
        return notBookedPage(c, message, 400, transfer.text);
      }
      return reply.redirect(`/overfoersel/${transfer.id}`, 303);

      /** Verifies and books; the refusal's reason, or undefined when booked. */
      async function checkApproval(t: Transfer, token: unknown, sub: string): Promise<string | undefined> {
        const stored = JSON.parse(t.authorization_details) as unknown;
        const facts = factsOfDetails(stored);
        const account = (await customers.accounts(t.cpr)).find((a) => a.id === t.account_id);
        // What will be booked must be what the details say (a changed row is not booked).
        if (
          !facts ||
          !account ||
          facts.amountOre !== t.amount_ore ||
          facts.debtor.regNo !== account.reg_no ||
          facts.debtor.accountNo !== account.account_no ||
          facts.creditor.regNo !== t.creditor_reg_no ||
          facts.creditor.accountNo !== t.creditor_account_no ||
          (facts.message ?? null) !== t.message
        ) {
          return 'stored_transfer_changed';
        }
        const text = transferText(stored as Parameters<typeof transferText>[0], t.lang);
        if (text !== t.text) return 'stored_transfer_changed';
        let keys: Awaited<ReturnType<ProviderKeys['current']>>;
        try {
          keys = await provider.current();
        } catch {
          return 'keys_unavailable';
        }
        const verified = await verifyTransactionToken(token, keys.keys, {
          issuer: keys.issuer,
          audience: BANK_CLIENT_ID,
          authorizationDetails: stored,
          text,
          sub,
          isJtiUsed: (jti) => transfers.isJtiUsed(jti),
        });
        if (!verified.ok) return `token:${verified.problem}${verified.detail ? `:${verified.detail}` : ''}`;
        const booked = await transfers.book(
          t,
          {
            id: randomUUID(),
            token: String(token),
            jti: verified.value.jti,
            loa: verified.value.loa,
            approvedAt: verified.value.approvedAt,
          },
          now(),
        );
        if (booked.ok) {
          req.log.info({ transferId: t.id, jti: verified.value.jti }, 'transfer booked');
          return undefined;
        }
        return booked.problem;
      }
    },
  );

  const bookedOf = async (req: FastifyRequest, reply: FastifyReply) => {
    const who = await mitidCustomer(req, reply);
    if (!who) return undefined;
    const id = (req.params as { id?: string }).id ?? '';
    const transfer = /^[0-9a-f-]{36}$/.test(id) ? await transfers.get(id, who.customer.cpr) : undefined;
    const booking = transfer?.status === 'booked' ? await transfers.bookingOf(transfer.id) : undefined;
    if (!transfer || !booking) {
      await messagePage(ctx(req, reply), 'bank.transfer.title', 'bank.transfer.notFound', 404);
      return undefined;
    }
    return { transfer, booking };
  };

  app.get('/overfoersel/:id', async (req, reply) => {
    const found = await bookedOf(req, reply);
    return found ? receiptPage(ctx(req, reply), found.transfer, found.booking) : reply;
  });

  app.get('/overfoersel/:id/bevis', async (req, reply) => {
    const found = await bookedOf(req, reply);
    return found ? evidencePage(ctx(req, reply), found.transfer, found.booking) : reply;
  });
}
