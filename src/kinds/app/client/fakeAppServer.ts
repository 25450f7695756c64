/**
 * For the client's tests: the server side of docs/protocols/app.md, in memory, as a `fetch`.
 * Written from the doc alone, it checks what the client sends as strictly as the doc says — the
 * canonical request string, the signature, the approval message, OPAQUE — and records every
 * request, so a test can show that the PIN never appears in one. Not the real server (src/kinds/app/
 * server), which the end-to-end test in test/app-cli uses.
 */
import { createHash, createPublicKey, randomUUID, verify } from 'node:crypto';
import * as opaque from '@serenity-kit/opaque';
import type { PublicJwk } from './deviceKey.ts';

export interface FakeTransaction {
  id: string;
  userId: string;
  serviceName: string;
  action: string;
  text: string;
  level: string;
  createdAt: number;
  status: 'pending' | 'approved' | 'rejected';
  challenge?: string;
}

interface FakeDevice {
  deviceId: string;
  userId: string;
  publicKey: PublicJwk;
  record: string;
  wrongPins: number;
  usersInApp: number;
  loginState?: { tx: string; state: string };
}

interface FakeActivation {
  userId: string;
  next: 'activationCode' | 'temporaryPin' | 'pin' | 'finish' | 'done';
  codeTries: number;
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

const sha = (s: string | Buffer): string => createHash('sha256').update(s).digest('base64url');

export class FakeAppServer {
  readonly url = 'http://fake-mitid.test';
  readonly requests: RecordedRequest[] = [];
  readonly devices = new Map<string, FakeDevice>();
  readonly transactions = new Map<string, FakeTransaction>();
  /** userId → the activation code shown in the net bank; mobile or not. */
  readonly people = new Map<string, { activationCode: string; mobile: boolean }>();
  readonly transferCodes = new Map<string, string>();
  now = 1_764_000_000_000;
  /** A digest the server lists instead of the true one (a server showing one text, signing another). */
  digestOverride: string | undefined;
  readonly #activations = new Map<string, FakeActivation>();
  readonly #seen = new Set<string>();
  readonly #serverSetup: string;
  readonly temporaryPin = '31415926';

  private constructor(serverSetup: string) {
    this.#serverSetup = serverSetup;
  }

  static async create(): Promise<FakeAppServer> {
    await opaque.ready;
    return new FakeAppServer(opaque.server.createSetup());
  }

  addTransaction(userId: string, text: string, action = 'approve'): FakeTransaction {
    const tx: FakeTransaction = {
      id: randomUUID(),
      userId,
      serviceName: 'Min Bank',
      action,
      text,
      level: 'high',
      createdAt: this.now,
      status: 'pending',
    };
    this.transactions.set(tx.id, tx);
    return tx;
  }

  readonly fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    const headers = Object.fromEntries(Object.entries((init?.headers ?? {}) as Record<string, string>));
    const body = typeof init?.body === 'string' ? init.body : '';
    this.requests.push({ method, url: url.href, headers, body });
    const json = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    const path = url.pathname.replace(/^\/api\/app\/v1/, '');
    if (method === 'POST' && path === '/activations') return this.#start(json);
    const step = /^\/activations\/([^/]+)\/([a-z-]+)$/.exec(path);
    if (step && method === 'POST') return this.#activationStep(step[1] ?? '', step[2] ?? '', json);
    const call = /^\/devices\/([^/]+)(?:\/(.*))?$/.exec(path);
    if (call) {
      const deviceId = decodeURIComponent(call[1] ?? '');
      const device = this.#verifySigned(method, url.pathname + url.search, headers, body, deviceId);
      if (!device) return reply(401, { error: 'invalid_device_signature', message: 'bad signature' });
      return this.#deviceCall(device, method, call[2] ?? '', json);
    }
    return reply(404, { error: 'not_found' });
  };

  #start(json: Record<string, unknown>): Response {
    const userId = String(json.userId ?? '');
    const id = randomUUID();
    let next: FakeActivation['next'] = 'activationCode';
    if (typeof json.transferCode === 'string') {
      if (this.transferCodes.get(json.transferCode) !== userId) {
        // As the real server: every transfer code that does not verify answers alike.
        return reply(410, { error: 'code_expired', message: 'the transfer code can no longer be used' });
      }
      this.transferCodes.delete(json.transferCode);
      next = 'temporaryPin';
    }
    this.#activations.set(id, { userId, next, codeTries: 0 });
    return reply(201, { activationId: id, expiresAt: this.now + 900_000, next });
  }

  #activationStep(id: string, step: string, json: Record<string, unknown>): Response {
    const a = this.#activations.get(id);
    if (!a) return reply(404, { error: 'invalid_request', message: 'no such activation' });
    const at = {
      'activation-code': 'activationCode',
      'temporary-pin': 'temporaryPin',
      pin: 'pin',
      finish: 'finish',
    }[step];
    if (at !== a.next) return reply(409, { error: 'wrong_step', message: 'wrong step' });
    const person = this.people.get(a.userId);
    if (step === 'activation-code') {
      if (a.codeTries >= 3) return reply(410, { error: 'code_blocked', message: 'blocked' });
      if (!person || json.code !== person.activationCode) {
        a.codeTries++;
        if (a.codeTries >= 3) return reply(410, { error: 'code_blocked', message: 'blocked' });
        return reply(400, {
          error: 'wrong_code',
          message: 'Wrong activation code',
          attemptsLeft: 3 - a.codeTries,
        });
      }
      a.next = 'temporaryPin';
      return reply(
        200,
        person.mobile
          ? { next: 'temporaryPin', sentTo: '+45 •• •• 40 50' }
          : { next: 'temporaryPin', temporaryPin: this.temporaryPin },
      );
    }
    if (step === 'temporary-pin') {
      if (json.temporaryPin !== this.temporaryPin) {
        return reply(400, { error: 'wrong_temporary_pin', message: 'Wrong temporary PIN', attemptsLeft: 2 });
      }
      a.next = 'pin';
      return reply(200, { next: 'pin' });
    }
    if (step === 'pin') {
      const { registrationResponse } = opaque.server.createRegistrationResponse({
        serverSetup: this.#serverSetup,
        userIdentifier: a.userId,
        registrationRequest: String(json.registrationRequest),
      });
      a.next = 'finish';
      return reply(200, { registrationResponse });
    }
    const deviceId = `dev_${randomUUID()}`;
    this.devices.set(deviceId, {
      deviceId,
      userId: a.userId,
      publicKey: json.publicKey as PublicJwk,
      record: String(json.registrationRecord),
      wrongPins: 0,
      usersInApp: Number(json.usersInApp ?? 1),
    });
    a.next = 'done';
    return reply(201, { deviceId, userId: a.userId });
  }

  #verifySigned(
    method: string,
    pathWithQuery: string,
    headers: Record<string, string>,
    body: string,
    deviceId: string,
  ): FakeDevice | undefined {
    const device = this.devices.get(deviceId);
    const ts = Number(headers['x-mitid-timestamp']);
    if (!device || headers['x-mitid-device'] !== deviceId || Math.abs(ts - this.now) > 60_000)
      return undefined;
    const signed = `mitid-app-v1\n${method}\n${pathWithQuery}\n${ts}\n${sha(body)}`;
    if (!this.#verifies(device, signed, headers['x-mitid-signature'] ?? '')) return undefined;
    // As the server: the same signed content twice is a replay.
    const seen = `${deviceId}\n${signed}`;
    if (this.#seen.has(seen)) return undefined;
    this.#seen.add(seen);
    return device;
  }

  #verifies(device: FakeDevice, message: string, signature: string): boolean {
    const key = createPublicKey({ key: { ...device.publicKey }, format: 'jwk' });
    return verify(
      'sha256',
      Buffer.from(message),
      { key, dsaEncoding: 'ieee-p1363' },
      Buffer.from(signature, 'base64url'),
    );
  }

  #digest(tx: FakeTransaction): string {
    const { id, serviceName, action, text, level, createdAt } = tx;
    return sha(JSON.stringify({ action, createdAt, id, level, serviceName, text }));
  }

  #deviceCall(device: FakeDevice, method: string, rest: string, json: Record<string, unknown>): Response {
    if (method === 'GET' && rest === 'transactions') {
      const list = [...this.transactions.values()]
        .filter((t) => t.userId === device.userId && t.status === 'pending')
        .map((t) => {
          t.challenge = randomUUID();
          return {
            id: t.id,
            serviceName: t.serviceName,
            action: t.action,
            text: t.text,
            level: t.level,
            createdAt: t.createdAt,
            requiresPin: t.level === 'high' || t.action === 'approve' || t.action === 'sign',
            digest: this.digestOverride ?? this.#digest(t),
            challenge: t.challenge,
            expiresAt: t.createdAt + 300_000,
          };
        });
      return reply(200, { transactions: list });
    }
    if (method === 'GET' && rest === '') {
      return reply(200, {
        deviceId: device.deviceId,
        userId: device.userId,
        name: 'CLI',
        biometrics: false,
        biometricsAllowed: device.usersInApp <= 1,
        pin:
          device.wrongPins >= 9
            ? { blocked: true, permanent: true }
            : { blocked: false, attemptsLeft: 3 - device.wrongPins },
      });
    }
    if (method === 'DELETE' && rest === '') {
      this.devices.delete(device.deviceId);
      return reply(200, { removed: true });
    }
    if (method === 'POST' && rest === 'users-in-app') {
      device.usersInApp = Number(json.count);
      return reply(200, { biometricsAllowed: device.usersInApp <= 1 });
    }
    if (method === 'POST' && rest === 'transfer-codes') {
      const code = '1234-5678';
      this.transferCodes.set(code, device.userId);
      return reply(201, { transferCode: code, expiresAt: this.now + 300_000 });
    }
    const m = /^transactions\/([^/]+)\/(pin|decision)$/.exec(rest);
    const tx = m ? this.transactions.get(decodeURIComponent(m[1] ?? '')) : undefined;
    if (!m || !tx || tx.userId !== device.userId)
      return reply(404, { error: 'invalid_request', message: 'no' });
    if (tx.status !== 'pending') return reply(409, { error: 'transaction_not_pending', message: 'decided' });
    if (m[2] === 'pin') {
      if (device.wrongPins >= 9)
        return reply(423, { error: 'pin_blocked', message: 'blocked', permanent: true });
      if (device.wrongPins >= 3)
        return reply(423, { error: 'pin_blocked', message: 'blocked', until: this.now + 3_600_000 });
      const { serverLoginState, loginResponse } = opaque.server.startLogin({
        serverSetup: this.#serverSetup,
        registrationRecord: device.record,
        startLoginRequest: String(json.startLoginRequest),
        userIdentifier: device.userId,
      });
      device.wrongPins++; // counted here, before any comparison
      device.loginState = { tx: tx.id, state: serverLoginState };
      return reply(200, { loginResponse, attemptsLeft: 3 - device.wrongPins });
    }
    let proof = '-';
    if (typeof json.finishLoginRequest === 'string') {
      if (device.loginState?.tx !== tx.id)
        return reply(400, { error: 'invalid_approval', message: 'no PIN check' });
      const { sessionKey } = opaque.server.finishLogin({
        serverLoginState: device.loginState.state,
        finishLoginRequest: json.finishLoginRequest,
      });
      device.loginState = undefined;
      device.wrongPins = 0;
      proof = sha(Buffer.from(sessionKey, 'base64url'));
    }
    const decision = String(json.decision);
    const needsPin =
      decision === 'approve' && (tx.level === 'high' || tx.action === 'approve' || tx.action === 'sign');
    if (needsPin && proof === '-') return reply(400, { error: 'invalid_approval', message: 'PIN required' });
    const message = `mitid-approval-v1\n${tx.id}\n${this.#digest(tx)}\n${tx.challenge}\n${decision}\n${proof}`;
    if (!tx.challenge || !this.#verifies(device, message, String(json.signature))) {
      return reply(400, { error: 'invalid_approval', message: 'bad approval' });
    }
    tx.challenge = undefined;
    tx.status = decision === 'approve' ? 'approved' : 'rejected';
    return reply(200, { status: tx.status });
  }
}

function reply(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
