/**
 * A device for the tests (not the real client, src/kinds/app/client): a P-256 key from node:crypto,
 * the OPAQUE client in Node, and app.inject. Every request it sends is recorded (url, headers,
 * payload) so tests can assert what never leaves the device.
 */
import { createHash, createPublicKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import * as opaque from '@serenity-kit/opaque';
import type { LightMyRequestResponse } from 'fastify';
import { approvalString, type Decision } from '../approvalString.ts';
import { deviceRequestString } from '../deviceRequestString.ts';
import type { PublicJwk } from '../parsePublicJwk.ts';
import { NO_PIN, pinProof } from '../pinProof.ts';
import type { AppHarness, TestPerson } from './appHarness.ts';

export interface TestDeviceOptions {
  pin?: string;
  deviceName?: string;
  lang?: 'da' | 'en';
  /**
   * OPAQUE's key stretching: a cheap Argon2 by default so tests run fast (the protocol does not
   * depend on it); 'library default' for the library's own.
   */
  keyStretching?: opaque.client.FinishLoginParams['keyStretching'] | 'library default';
  /** The device's key (P-256), when it was registered before (an older server's rows); else a new one. */
  privateKey?: KeyObject;
}

export interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload: string;
}

export interface PendingTx {
  id: string;
  serviceName: string;
  action: string;
  text: string;
  level: string;
  requiresPin: boolean;
  digest: string;
  challenge: string;
  createdAt: number;
  expiresAt: number;
  decoupled: boolean;
}

const fastStretching = { 'argon2id-custom': { iterations: 1, memory: 1024, parallelism: 1 } } as const;

export const signP1363 = (key: KeyObject, message: string): string =>
  sign('sha256', Buffer.from(message, 'utf8'), { key, dsaEncoding: 'ieee-p1363' }).toString('base64url');

export class TestDevice {
  readonly privateKey: KeyObject;
  readonly publicJwk: PublicJwk;
  readonly sent: SentRequest[] = [];
  pin: string;
  deviceName: string;
  deviceId = '';
  activationId = '';
  /** The body of the last finish step sent (to send again after a refusal). */
  finishBody: Record<string, unknown> = {};
  /** The last temporary PIN the device got (from the SMS or the answer). */
  temporaryPinValue = '';
  readonly #h: AppHarness;
  readonly #lang: 'da' | 'en';
  readonly #stretching: opaque.client.FinishLoginParams['keyStretching'];

  constructor(h: AppHarness, opts: TestDeviceOptions = {}) {
    this.#h = h;
    const { privateKey, publicKey } = opts.privateKey
      ? { privateKey: opts.privateKey, publicKey: createPublicKey(opts.privateKey) }
      : generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.privateKey = privateKey;
    const jwk = publicKey.export({ format: 'jwk' });
    this.publicJwk = { kty: 'EC', crv: 'P-256', x: String(jwk.x), y: String(jwk.y) };
    this.pin = opts.pin ?? '123456';
    this.deviceName = opts.deviceName ?? 'Jonas’ iPhone';
    this.#lang = opts.lang ?? 'da';
    this.#stretching =
      opts.keyStretching === 'library default' ? undefined : (opts.keyStretching ?? fastStretching);
  }

  #stretch(): { keyStretching?: opaque.client.FinishLoginParams['keyStretching'] } {
    return this.#stretching ? { keyStretching: this.#stretching } : {};
  }

  /** An unsigned JSON call (the activation steps). */
  async call(
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const payload = body === undefined ? '' : JSON.stringify(body);
    const all: Record<string, string> = { 'accept-language': this.#lang, ...headers };
    if (payload) all['content-type'] = 'application/json';
    this.sent.push({ method, url, headers: all, payload });
    return this.#h.app.inject({ method, url, headers: all, ...(payload ? { payload } : {}) });
  }

  /** The signed-request headers for this call. */
  #lastTimestamp = 0;
  /**
   * The test clock stands still, but a real device's clock moves: two requests never carry the
   * same millisecond and content (the server refuses that as a replay). One ms apart at least.
   */
  #nextTimestamp(): number {
    this.#lastTimestamp = Math.max(this.#h.clock.now().getTime(), this.#lastTimestamp + 1);
    return this.#lastTimestamp;
  }

  signHeaders(
    method: string,
    url: string,
    payload: string,
    timestamp = this.#nextTimestamp(),
  ): Record<string, string> {
    const ts = String(timestamp);
    const message = deviceRequestString(method, url, ts, Buffer.from(payload, 'utf8'));
    return {
      'x-mitid-device': this.deviceId,
      'x-mitid-timestamp': ts,
      'x-mitid-signature': signP1363(this.privateKey, message),
    };
  }

  /** A call signed with the device key. */
  signed(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<LightMyRequestResponse> {
    const url = `/api/app/v1/devices/${this.deviceId}${path}`;
    const payload = body === undefined ? '' : JSON.stringify(body);
    return this.call(method, url, body, this.signHeaders(method, url, payload));
  }

  start(userId: string, transferCode?: string): Promise<LightMyRequestResponse> {
    return this.call('POST', '/api/app/v1/activations', {
      userId,
      deviceName: this.deviceName,
      ...(transferCode ? { transferCode } : {}),
    });
  }

  step(
    step: 'activation-code' | 'temporary-pin' | 'pin' | 'finish',
    body: unknown,
  ): Promise<LightMyRequestResponse> {
    return this.call('POST', `/api/app/v1/activations/${this.activationId}/${step}`, body);
  }

  /** The temporary PIN: from the answer when there was no mobile number, else from the SMS. */
  async readTemporaryPin(answer: Record<string, unknown>, mobile: string | null): Promise<string> {
    if (typeof answer.temporaryPin === 'string') return answer.temporaryPin;
    if (!mobile) throw new Error('no temporary PIN');
    const sms = (await this.#h.messagesTo(mobile)).filter((m) => m.channel === 'sms').at(-1);
    const pin = /\b(\d{8})\b/.exec(sms?.body ?? '')?.[1];
    if (!pin) throw new Error('no temporary PIN in the SMS');
    return pin;
  }

  /** Steps 4 and 5 on the device: OPAQUE registration, then the device with its public key. */
  async choosePinAndFinish(extra: Record<string, unknown> = {}): Promise<LightMyRequestResponse> {
    const { clientRegistrationState, registrationRequest } = opaque.client.startRegistration({
      password: this.pin,
    });
    const res = await this.step('pin', { registrationRequest });
    if (res.statusCode !== 200) return res;
    const { registrationRecord } = opaque.client.finishRegistration({
      clientRegistrationState,
      registrationResponse: res.json().registrationResponse,
      password: this.pin,
      ...this.#stretch(),
    });
    this.finishBody = { registrationRecord, publicKey: this.publicJwk, ...extra };
    return this.finish();
  }

  /** Step 5 with the body made by choosePinAndFinish. */
  async finish(): Promise<LightMyRequestResponse> {
    const done = await this.step('finish', this.finishBody);
    if (done.statusCode === 201) this.deviceId = done.json().deviceId;
    return done;
  }

  /** The whole activation; throws on any refusal. */
  async activate(
    person: TestPerson,
    activationCode: string,
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    const started = await this.start(person.userId);
    expectStatus(started, 201);
    this.activationId = started.json().activationId;
    const coded = await this.step('activation-code', { code: activationCode });
    expectStatus(coded, 200);
    await this.enterTemporaryPin(coded.json(), person.mobile);
    expectStatus(await this.choosePinAndFinish(extra), 201);
  }

  /** Step 3 with the temporary PIN the server sent. */
  async enterTemporaryPin(answer: Record<string, unknown>, mobile: string | null): Promise<void> {
    this.temporaryPinValue = await this.readTemporaryPin(answer, mobile);
    expectStatus(await this.step('temporary-pin', { temporaryPin: this.temporaryPinValue }), 200);
  }

  async pending(): Promise<PendingTx[]> {
    const res = await this.signed('GET', '/transactions');
    expectStatus(res, 200);
    return res.json().transactions;
  }

  /**
   * The PIN step and the device's side of OPAQUE. `undefined` session key: the PIN was wrong
   * (the client sees it by itself; the server only counted the attempt).
   */
  async pinLogin(
    txId: string,
    pin = this.pin,
  ): Promise<{ res: LightMyRequestResponse; finishLoginRequest?: string; sessionKey?: string }> {
    const { clientLoginState, startLoginRequest } = opaque.client.startLogin({ password: pin });
    const res = await this.signed('POST', `/transactions/${txId}/pin`, { startLoginRequest });
    if (res.statusCode !== 200) return { res };
    const finished = opaque.client.finishLogin({
      clientLoginState,
      loginResponse: res.json().loginResponse,
      password: pin,
      ...this.#stretch(),
    });
    return finished
      ? { res, finishLoginRequest: finished.finishLoginRequest, sessionKey: finished.sessionKey }
      : { res };
  }

  approvalSignature(tx: PendingTx, decision: Decision, proof: string): string {
    return signP1363(this.privateKey, approvalString(tx.id, tx.digest, tx.challenge, decision, proof));
  }

  /** Approves or rejects `tx`, with the PIN when it asks for one (or `withPin`). */
  async decide(
    tx: PendingTx,
    decision: Decision,
    opts: { withPin?: boolean; pin?: string; report?: boolean } = {},
  ): Promise<LightMyRequestResponse> {
    const usePin = opts.withPin ?? (decision === 'approve' && tx.requiresPin);
    if (!usePin) {
      return this.signed('POST', `/transactions/${tx.id}/decision`, {
        decision,
        ...(opts.report === undefined ? {} : { report: opts.report }),
        signature: this.approvalSignature(tx, decision, NO_PIN),
      });
    }
    const login = await this.pinLogin(tx.id, opts.pin);
    if (!login.finishLoginRequest || !login.sessionKey) return login.res;
    return this.signed('POST', `/transactions/${tx.id}/decision`, {
      decision,
      finishLoginRequest: login.finishLoginRequest,
      signature: this.approvalSignature(tx, decision, pinProof(login.sessionKey)),
    });
  }
}

export function expectStatus(res: LightMyRequestResponse, status: number): void {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
}

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('base64url');
