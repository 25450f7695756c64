/**
 * Activating a user in this app: the client's side of the server's persisted flow (docs/protocols/
 * app.md, "Activation"). The steps, each accepted once and in order:
 *
 *   start ──▶ activationCode ──▶ temporaryPin ──▶ pin ──▶ done
 *     └── with a transfer code ──────▲
 *
 * Rules:
 * - a step is refused here (`activation_step`) when the flow is not at it, before any call;
 * - the new PIN is checked here (6 digits, typed the same twice) before any call; it goes into
 *   OPAQUE only and never into a request body;
 * - the device key is made only at the last step, and stored (0600) only when the server has
 *   accepted the device.
 */
import * as opaque from '@serenity-kit/opaque';
import type { Clock } from '../../../platform/clock.ts';
import type { AppApi, Json } from './AppApi.ts';
import { stringFields } from './AppApi.ts';
import { type AppStateStore, type AppUser, sameUserId } from './AppStateStore.ts';
import { type AppResult, clientError, ok } from './appErrors.ts';
import { checkNewPin } from './checkNewPin.ts';
import { generateDeviceKey } from './deviceKey.ts';
import { epochMs } from './epochMs.ts';

export type ActivationStep = 'activationCode' | 'temporaryPin' | 'pin' | 'done';

/** Where the temporary PIN went: by SMS to a masked number, or straight to this app. */
export interface TemporaryPinSent {
  next: 'temporaryPin';
  sentTo?: string;
  /** Given to the app when the identity has no mobile number ("direkte i appen"). */
  temporaryPin?: string;
}

export interface ActivationContext {
  api: AppApi;
  store: AppStateStore;
  clock: Clock;
  userId: string;
  deviceName: string;
  notifyEveryUse: boolean;
  /** Called once the new user is stored: the app tells its other devices how many users it has. */
  onActivated?: () => Promise<void>;
}

export class Activation {
  readonly activationId: string;
  readonly expiresAt: number | undefined;
  /** Where the temporary PIN was sent by SMS, when a step has said so (masked). */
  sentTo: string | undefined;
  #next: ActivationStep;
  #temporaryPin: string | undefined;
  readonly #ctx: ActivationContext;

  private constructor(
    ctx: ActivationContext,
    activationId: string,
    expiresAt: number | undefined,
    next: ActivationStep,
  ) {
    this.#ctx = ctx;
    this.activationId = activationId;
    this.expiresAt = expiresAt;
    this.#next = next;
  }

  get next(): ActivationStep {
    return this.#next;
  }

  /** Step 1: `POST /activations`. With a transfer code the next step is the temporary PIN. */
  static async start(ctx: ActivationContext, transferCode?: string): Promise<AppResult<Activation>> {
    const res = await ctx.api.call('POST', '/activations', {
      userId: ctx.userId,
      deviceName: ctx.deviceName,
      ...(transferCode ? { transferCode } : {}),
    });
    if (!res.ok) return res;
    const f = stringFields(res.value, 'activationId', 'next');
    if (!f.ok) return f;
    const next = f.value.next;
    if (next !== 'activationCode' && next !== 'temporaryPin') {
      return clientError('unexpected_response', `The activation cannot continue at "${next}".`);
    }
    const activation = new Activation(ctx, f.value.activationId, epochMs(res.value.expiresAt), next);
    if (typeof res.value.temporaryPin === 'string') activation.#temporaryPin = res.value.temporaryPin;
    if (typeof res.value.sentTo === 'string') activation.sentTo = res.value.sentTo;
    return ok(activation);
  }

  /** The temporary PIN if the server gave it to the app rather than by SMS. */
  get temporaryPinInApp(): string | undefined {
    return this.#temporaryPin;
  }

  /** Step 2: the activation code shown in the net bank. */
  async submitActivationCode(code: string): Promise<AppResult<TemporaryPinSent>> {
    const res = await this.#step('activationCode', 'activation-code', { code: code.replace(/\s/g, '') });
    if (!res.ok) return res;
    this.#next = 'temporaryPin';
    const sent: TemporaryPinSent = { next: 'temporaryPin' };
    if (typeof res.value.sentTo === 'string') {
      sent.sentTo = res.value.sentTo;
      this.sentTo = res.value.sentTo;
    }
    if (typeof res.value.temporaryPin === 'string') {
      sent.temporaryPin = res.value.temporaryPin;
      this.#temporaryPin = res.value.temporaryPin;
    }
    return ok(sent);
  }

  /** Step 3: the 8-digit temporary PIN; without an argument, the one the server gave the app. */
  async submitTemporaryPin(temporaryPin?: string): Promise<AppResult<{ next: 'pin' }>> {
    const pin = (temporaryPin ?? this.#temporaryPin ?? '').replace(/\s/g, '');
    const res = await this.#step('temporaryPin', 'temporary-pin', { temporaryPin: pin });
    if (!res.ok) return res;
    this.#next = 'pin';
    this.#temporaryPin = undefined;
    return ok({ next: 'pin' });
  }

  /** Steps 4 and 5: the person's own PIN (typed twice) via OPAQUE, then the device key. */
  async choosePin(pin: string, repeated: string): Promise<AppResult<AppUser>> {
    if (this.#next !== 'pin') return clientError('activation_step');
    const checked = checkNewPin(pin, repeated);
    if (!checked.ok) return checked;
    const writable = await this.#ctx.store.ensureWritable();
    if (!writable.ok) return writable;
    await opaque.ready;
    const { clientRegistrationState, registrationRequest } = opaque.client.startRegistration({
      password: pin,
    });
    const res = await this.#step('pin', 'pin', { registrationRequest });
    if (!res.ok) return res;
    const response = stringFields(res.value, 'registrationResponse');
    if (!response.ok) return response;
    const { registrationRecord } = opaque.client.finishRegistration({
      password: pin,
      registrationResponse: response.value.registrationResponse,
      clientRegistrationState,
    });
    const others = await this.#ctx.store.users();
    if (!others.ok) return others;
    const usersInApp =
      others.value.filter(
        (u) => !(sameUserId(u.userId, this.#ctx.userId) && u.serverUrl === this.#ctx.api.serverUrl),
      ).length + 1;
    const key = generateDeviceKey();
    const finished = await this.#step('pin', 'finish', {
      registrationRecord,
      publicKey: key.publicJwk,
      notifyEveryUse: this.#ctx.notifyEveryUse,
      usersInApp,
    });
    if (!finished.ok) return finished;
    const ids = stringFields(finished.value, 'deviceId');
    if (!ids.ok) return ids;
    this.#next = 'done';
    const userId = typeof finished.value.userId === 'string' ? finished.value.userId : this.#ctx.userId;
    const stored = await this.#ctx.store.add(
      {
        userId,
        deviceId: ids.value.deviceId,
        serverUrl: this.#ctx.api.serverUrl,
        deviceName: this.#ctx.deviceName,
        activatedAt: this.#ctx.clock.now().getTime(),
      },
      key,
    );
    if (stored.ok) await this.#ctx.onActivated?.();
    return stored;
  }

  async #step(at: ActivationStep, path: string, body: Json): Promise<AppResult<Json>> {
    if (this.#next !== at) return clientError('activation_step');
    return this.#ctx.api.call('POST', `/activations/${encodeURIComponent(this.activationId)}/${path}`, body);
  }
}
