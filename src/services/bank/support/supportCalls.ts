/**
 * The phone support's requests to a customer's MitID app (decision 0013 §5): a CIBA request with
 * `login_hint_token` {"uuid": the customer's MitID uuid} and the staff's binding message, sent
 * by openid-client with the bank's client secret (client_secret_basic), then polled in this
 * process (pollBackchannelAuthenticationGrant: the interval, slow_down, the expiry). Rules:
 * - every request is a support_calls row first (pending, or refused when MitID says no), so the
 *   page reads its state from the database on any node;
 * - a result is written once (a conditional UPDATE from pending); an approval counts only when
 *   the approving person is the customer (userinfo's mitid.uuid);
 * - a call whose poller is gone (a restart, another node) is polled again when its page is read;
 *   past its expiry it reads as expired.
 */
import type { Kysely } from 'kysely';
import * as oidc from 'openid-client';
import type { Clock } from '../../../platform/clock.ts';
import type { RelyingParty } from '../../../platform/oidc/relyingParty.ts';
import type { Random } from '../../../platform/random.ts';
import type { BankDb, SupportCallsTable } from '../db/schema.ts';

export type SupportCall = SupportCallsTable;
export type CallStatus = SupportCall['status'];

export interface SupportCallsDeps {
  db: Kysely<BankDb>;
  clock: Clock;
  random: Random;
  mitid: RelyingParty;
  onError: (err: unknown) => void;
}

/** A page reading a call a little after its expiry still lets the last poll land first. */
const GRACE_MS = 10_000;

export class SupportCalls {
  readonly #d: SupportCallsDeps;
  /** The calls this process polls now. */
  readonly #polling = new Set<string>();

  constructor(d: SupportCallsDeps) {
    this.#d = d;
  }

  async get(id: string): Promise<SupportCall | undefined> {
    return this.#d.db.selectFrom('support_calls').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The call as it stands; a pending one nobody polls is polled again, or expired past its time. */
  async read(id: string): Promise<SupportCall | undefined> {
    const call = await this.get(id);
    if (call?.status !== 'pending' || call.auth_req_id === null) return call;
    const now = this.#d.clock.now().getTime();
    if (now > call.expires_at + GRACE_MS) {
      await this.#settle(call.id, 'expired', null);
      return this.get(id);
    }
    if (!this.#polling.has(call.id)) {
      this.#poll(call, {
        auth_req_id: call.auth_req_id,
        expires_in: Math.max(1, Math.ceil((call.expires_at - now) / 1000)),
        interval: 3,
      });
    }
    return call;
  }

  /** Sends the request to the customer's app; the row says what MitID answered. */
  async send(customer: { customer_no: string; cpr: string; mitid_uuid: string }, message: string) {
    const d = this.#d;
    const id = d.random.token(16);
    const now = d.clock.now().getTime();
    const row: SupportCall = {
      id,
      customer_no: customer.customer_no,
      cpr: customer.cpr,
      binding_message: message,
      auth_req_id: null,
      status: 'pending',
      transaction_id: null,
      created_at: now,
      expires_at: now,
      decided_at: null,
    };
    let started: oidc.BackchannelAuthenticationResponse;
    try {
      const config = await d.mitid.configuration();
      started = await oidc.initiateBackchannelAuthentication(config, {
        scope: 'openid mitid',
        binding_message: message,
        login_hint_token: JSON.stringify({ uuid: customer.mitid_uuid }),
      });
    } catch (err) {
      if (err instanceof oidc.ResponseBodyError) {
        await d.db
          .insertInto('support_calls')
          .values({ ...row, status: 'refused', decided_at: now })
          .execute();
        return id;
      }
      throw err;
    }
    const call = {
      ...row,
      auth_req_id: started.auth_req_id,
      expires_at: now + started.expires_in * 1000,
    };
    await d.db.insertInto('support_calls').values(call).execute();
    this.#poll(call, started);
    return id;
  }

  #poll(call: SupportCall, started: oidc.BackchannelAuthenticationResponse): void {
    const d = this.#d;
    this.#polling.add(call.id);
    const done = async (): Promise<void> => {
      const config = await d.mitid.configuration();
      try {
        const tokens = await oidc.pollBackchannelAuthenticationGrant(config, started, undefined, {
          signal: AbortSignal.timeout(started.expires_in * 1000 + GRACE_MS),
        });
        const claims = tokens.claims();
        const info = await oidc.fetchUserInfo(config, tokens.access_token, String(claims?.sub));
        const customer = await d.db
          .selectFrom('customers')
          .select('mitid_uuid')
          .where('cpr', '=', call.cpr)
          .executeTakeFirst();
        const same = customer?.mitid_uuid != null && info['mitid.uuid'] === customer.mitid_uuid;
        const txId = typeof claims?.transaction_id === 'string' ? claims.transaction_id : null;
        await this.#settle(call.id, same ? 'approved' : 'failed', txId);
      } catch (err) {
        const code = err instanceof oidc.ResponseBodyError ? err.error : undefined;
        if (code === 'access_denied') await this.#settle(call.id, 'rejected', null);
        else if (code === 'expired_token' || (err as Error).name === 'TimeoutError')
          await this.#settle(call.id, 'expired', null);
        else {
          d.onError(err);
          await this.#settle(call.id, 'failed', null);
        }
      }
    };
    done()
      .catch(d.onError)
      .finally(() => this.#polling.delete(call.id));
  }

  async #settle(id: string, status: CallStatus, transactionId: string | null): Promise<void> {
    await this.#d.db
      .updateTable('support_calls')
      .set({ status, transaction_id: transactionId, decided_at: this.#d.clock.now().getTime() })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .execute();
  }
}
