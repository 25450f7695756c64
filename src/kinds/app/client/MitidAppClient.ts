/**
 * The MitID app as a Node library: several users in one app (a state directory), activation,
 * adding a device with a transfer code, pending transactions, approving and rejecting with the
 * PIN (OPAQUE) — every call after activation signed with the user's device key
 * (docs/protocols/app.md). Results are values (`AppResult`), errors carry the server's codes.
 *
 *   const app = new MitidAppClient({ stateDir: 'data/app-cli' });
 *   const a = await app.startActivation({ serverUrl, userId, deviceName });
 *   await a.value.submitActivationCode('12345678'); … await a.value.choosePin(pin, pin);
 *   const [tx] = (await app.pending(userId)).value;  await app.approve(userId, tx.id, { pin });
 *
 * Rules: the PIN is never stored and never sent (only OPAQUE messages are); approving a
 * transaction that requires the PIN without one fails here, before the server counts an attempt;
 * a PIN that is not 6 digits is refused here too, for the same reason.
 */
import * as opaque from '@serenity-kit/opaque';
import { type Clock, systemClock } from '../../../platform/clock.ts';
import { Activation } from './Activation.ts';
import { AppApi, type Signer, stringFields } from './AppApi.ts';
import { AppStateStore, type AppUser } from './AppStateStore.ts';
import { type AppResult, clientError, ok } from './appErrors.ts';
import { type Decision, NO_PIN, pinProof, signApproval } from './approvalMessage.ts';
import { PIN_PATTERN } from './checkNewPin.ts';
import { DeviceTimestamps } from './DeviceTimestamps.ts';
import { epochMs } from './epochMs.ts';
import { type DeviceState, parseDeviceState } from './parseDeviceState.ts';
import { type PendingTransaction, parsePendingTransactions } from './parsePendingTransactions.ts';
import { shownDigest } from './shownDigest.ts';

export interface MitidAppClientOptions {
  stateDir: string;
  clock?: Clock;
  fetch?: typeof fetch;
  /** Accept-Language for the server's messages; "en" unless told. */
  lang?: string;
}

export interface StartActivation {
  serverUrl: string;
  userId: string;
  deviceName: string;
  /** From an existing app (`transferCode()`): skips the activation code. */
  transferCode?: string;
  /** Notify the person of every use of this device (default false). */
  notifyEveryUse?: boolean;
}

export interface DecisionResult {
  transactionId: string;
  decision: Decision;
  /** The transaction's status as the server reports it after the decision, when it does. */
  status: string;
}

export interface TransferCode {
  transferCode: string;
  expiresAt: number | undefined;
  /** What the existing app shows as a QR code. */
  link: string;
}

export class MitidAppClient {
  readonly store: AppStateStore;
  readonly #clock: Clock;
  readonly #options: MitidAppClientOptions;
  /** One timestamp source per device for every call of this app, claimed in the state directory. */
  readonly #timestamps: DeviceTimestamps;

  constructor(options: MitidAppClientOptions) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.store = new AppStateStore(options.stateDir);
    this.#timestamps = new DeviceTimestamps(options.stateDir, this.#clock);
  }

  users(): Promise<AppResult<AppUser[]>> {
    return this.store.users();
  }

  /**
   * Starts activating a user in this app. A user already here is activated again only when their
   * device no longer works: removed on the server, or its PIN blocked for good — then the old
   * device is removed first (as the doc says), freeing its place among the person's 3.
   */
  async startActivation(s: StartActivation): Promise<AppResult<Activation>> {
    const serverUrl = serverOrigin(s.serverUrl);
    if (!serverUrl) return clientError('invalid_server_url');
    const existing = await this.store.user(s.userId, serverUrl);
    if (existing.ok) {
      const state = await this.deviceState(existing.value.userId, serverUrl);
      if (state.ok && !state.value.pin.permanent) {
        return clientError('already_activated', `${existing.value.userId} is already in this app.`);
      }
      if (!state.ok && state.error.code !== 'invalid_device_signature') return state;
      const removed = await this.removeDevice(existing.value.userId, serverUrl);
      if (!removed.ok) return removed;
    } else if (existing.error.code !== 'unknown_user') {
      return existing;
    }
    return Activation.start(
      {
        api: this.#api(serverUrl),
        store: this.store,
        clock: this.#clock,
        userId: s.userId,
        deviceName: s.deviceName,
        notifyEveryUse: s.notifyEveryUse ?? false,
        onActivated: () => this.reportUsersInApp(),
      },
      s.transferCode,
    );
  }

  /** The device's state on the server: its name, biometrics, and whether its PIN is blocked. */
  async deviceState(userId: string, serverUrl?: string): Promise<AppResult<DeviceState>> {
    const device = await this.#device(userId, serverUrl);
    if (!device.ok) return device;
    const { api, signer } = device.value;
    const res = await api.call('GET', `/devices/${encodeURIComponent(signer.deviceId)}`, undefined, signer);
    return res.ok ? parseDeviceState(res.value) : res;
  }

  /**
   * Removes the user's device on the server (final; it frees one of the person's 3 places) and
   * drops the user from this app. A device the server no longer knows only leaves the app.
   */
  async removeDevice(userId: string, serverUrl?: string): Promise<AppResult<void>> {
    const device = await this.#device(userId, serverUrl);
    if (!device.ok) return device;
    const { api, signer, user } = device.value;
    const res = await api.call(
      'DELETE',
      `/devices/${encodeURIComponent(signer.deviceId)}`,
      undefined,
      signer,
    );
    if (!res.ok && res.error.code !== 'invalid_device_signature') return res;
    const removed = await this.store.remove(user);
    if (removed.ok) await this.#timestamps.forget(user.deviceId);
    if (removed.ok) await this.reportUsersInApp();
    return removed;
  }

  /**
   * Tells every device in the app how many users the app holds (more than one: the server turns
   * biometrics off). Best effort: a device that cannot be reached hears at the next change.
   */
  async reportUsersInApp(): Promise<void> {
    const users = await this.store.users();
    if (!users.ok) return;
    const count = Math.max(1, users.value.length);
    for (const user of users.value) {
      const key = await this.store.key(user);
      if (!key.ok) continue;
      const signer = { deviceId: user.deviceId, key: key.value };
      await this.#api(user.serverUrl).call(
        'POST',
        `/devices/${encodeURIComponent(user.deviceId)}/users-in-app`,
        { count },
        signer,
      );
    }
  }

  async pending(userId: string): Promise<AppResult<PendingTransaction[]>> {
    const device = await this.#device(userId);
    if (!device.ok) return device;
    const { api, signer } = device.value;
    const res = await api.call(
      'GET',
      `/devices/${encodeURIComponent(signer.deviceId)}/transactions`,
      undefined,
      signer,
    );
    return res.ok ? parsePendingTransactions(res.value) : res;
  }

  /**
   * Proves the login box's channel (docs/protocols/app.md, "Channel: proving the login box"): the
   * scanned QR text or the typed code opens the person's login waiting for it, which the server
   * then lists among the pending transactions. Answers the transaction's id.
   */
  async proveChannel(
    userId: string,
    proof: { qr: string } | { code: string },
  ): Promise<AppResult<{ transactionId: string }>> {
    const device = await this.#device(userId);
    if (!device.ok) return device;
    const { api, signer } = device.value;
    const res = await api.call(
      'POST',
      `/devices/${encodeURIComponent(signer.deviceId)}/channel`,
      proof,
      signer,
    );
    if (!res.ok) return res;
    const f = stringFields(res.value, 'transactionId');
    return f.ok ? ok({ transactionId: f.value.transactionId }) : f;
  }

  approve(
    userId: string,
    transactionId: string,
    o: { pin?: string } = {},
  ): Promise<AppResult<DecisionResult>> {
    return this.decide(userId, transactionId, 'approve', o.pin);
  }

  /** With `report` ("Afvis og anmeld"), only for a CIBA request: the service may not ask again for a day. */
  reject(
    userId: string,
    transactionId: string,
    o: { pin?: string; report?: boolean } = {},
  ): Promise<AppResult<DecisionResult>> {
    return this.decide(userId, transactionId, 'reject', o.pin, o.report === true);
  }

  /**
   * The transaction is fetched again (its digest and a fresh single-use challenge); the PIN, when
   * an approval requires it, is checked by OPAQUE (the server counts the attempt at its start);
   * the decision is signed over digest, challenge and the PIN proof. Rejecting needs no PIN, and
   * one given is not used.
   */
  async decide(
    userId: string,
    transactionId: string,
    decision: Decision,
    pin?: string,
    report = false,
  ): Promise<AppResult<DecisionResult>> {
    if (pin !== undefined && !PIN_PATTERN.test(pin)) return clientError('pin_format');
    const device = await this.#device(userId);
    if (!device.ok) return device;
    const { api, signer } = device.value;
    const base = `/devices/${encodeURIComponent(signer.deviceId)}/transactions`;
    const listed = await api.call('GET', base, undefined, signer);
    if (!listed.ok) return listed;
    const all = parsePendingTransactions(listed.value);
    if (!all.ok) return all;
    const tx = all.value.find((t) => t.id === transactionId);
    if (!tx)
      return clientError('unknown_transaction', `No pending transaction ${transactionId} for ${userId}.`);
    // As the PWA does: only an approval that requires it checks the PIN; a rejection never
    // spends a PIN attempt.
    // The app signs the digest of what it shows, never one it was only told.
    if (shownDigest(tx) !== tx.digest) return clientError('digest_mismatch');
    if (report && (decision !== 'reject' || !tx.decoupled)) return clientError('not_reportable');
    const usePin = tx.requiresPin && decision === 'approve';
    if (usePin && pin === undefined) return clientError('pin_required');
    const txPath = `${base}/${encodeURIComponent(tx.id)}`;

    let proof = NO_PIN;
    let finishLoginRequest: string | undefined;
    if (usePin && pin !== undefined) {
      await opaque.ready;
      const start = opaque.client.startLogin({ password: pin });
      const res = await api.call(
        'POST',
        `${txPath}/pin`,
        { startLoginRequest: start.startLoginRequest },
        signer,
      );
      if (!res.ok) return res;
      const login = stringFields(res.value, 'loginResponse');
      if (!login.ok) return login;
      const finished = opaque.client.finishLogin({
        clientLoginState: start.clientLoginState,
        loginResponse: login.value.loginResponse,
        password: pin,
      });
      // OPAQUE tells the client first: a wrong PIN cannot open the envelope. The server has
      // counted the attempt already (an abandoned attempt counts as wrong) and said what is left
      // if this one is wrong: 0 means this attempt blocked the PIN.
      if (!finished) {
        const left = typeof res.value.attemptsLeft === 'number' ? res.value.attemptsLeft : undefined;
        return left === 0
          ? { ok: false, error: { code: 'pin_blocked', message: 'Wrong PIN. The PIN is now blocked.' } }
          : {
              ok: false,
              error: {
                code: 'wrong_pin',
                message: 'Wrong PIN.',
                ...(left === undefined ? {} : { attemptsLeft: left }),
              },
            };
      }
      finishLoginRequest = finished.finishLoginRequest;
      proof = pinProof(finished.sessionKey);
    }
    const signature = signApproval(signer.key, {
      transactionId: tx.id,
      digest: tx.digest,
      challenge: tx.challenge,
      decision,
      pinProof: proof,
    });
    const res = await api.call(
      'POST',
      `${txPath}/decision`,
      {
        decision,
        ...(report ? { report } : {}),
        ...(finishLoginRequest ? { finishLoginRequest } : {}),
        signature,
      },
      signer,
    );
    if (!res.ok) return res;
    const status =
      typeof res.value.status === 'string'
        ? res.value.status
        : decision === 'approve'
          ? 'approved'
          : 'rejected';
    return ok({ transactionId: tx.id, decision, status });
  }

  /** A short-lived code with which another app adds a device for this user. */
  async transferCode(userId: string): Promise<AppResult<TransferCode>> {
    const device = await this.#device(userId);
    if (!device.ok) return device;
    const { api, signer, user } = device.value;
    const res = await api.call(
      'POST',
      `/devices/${encodeURIComponent(signer.deviceId)}/transfer-codes`,
      undefined,
      signer,
    );
    if (!res.ok) return res;
    const f = stringFields(res.value, 'transferCode');
    if (!f.ok) return f;
    const link = `mitid-app:transfer?code=${encodeURIComponent(f.value.transferCode)}&user=${encodeURIComponent(user.userId)}`;
    return ok({ transferCode: f.value.transferCode, expiresAt: epochMs(res.value.expiresAt), link });
  }

  async #device(
    userId: string,
    serverUrl?: string,
  ): Promise<AppResult<{ user: AppUser; api: AppApi; signer: Signer }>> {
    const user = await this.store.user(userId, serverUrl);
    if (!user.ok) return user;
    const key = await this.store.key(user.value);
    if (!key.ok) return key;
    return ok({
      user: user.value,
      api: this.#api(user.value.serverUrl),
      signer: { deviceId: user.value.deviceId, key: key.value },
    });
  }

  #api(serverUrl: string): AppApi {
    return new AppApi(serverUrl, {
      clock: this.#clock,
      timestamps: this.#timestamps,
      ...(this.#options.fetch ? { fetch: this.#options.fetch } : {}),
      ...(this.#options.lang ? { lang: this.#options.lang } : {}),
    });
  }
}

/** The server's origin ("http://localhost:3000"), or undefined when not an http(s) URL. */
export function serverOrigin(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}
