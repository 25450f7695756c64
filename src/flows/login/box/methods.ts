/**
 * The login box's methods (decision 0014 §4): what "Skift login-metode" lists — the MitID app, a
 * code device (kodeviser or kodeoplæser, with the password) and the chip (with the password) —
 * which kinds an authentication of each is created with, which of them the person's device is,
 * and whether a method can be chosen for a request: it must be built (its Kind objects are in
 * MitidCore.implementations; the app answers through its own routes) and reach the requested
 * level (a code device gives at most Substantial). Pure, but for the cookie helpers.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kind, KindName, KindRegistry, Level } from '../../../core/authenticators/index.ts';
import { levelAtLeast } from '../../../core/authenticators/index.ts';
import type { MessageId } from '../../../i18n/catalogue.ts';

export const BOX_METHODS = ['app', 'codeDevice', 'chip'] as const;
export type BoxMethod = (typeof BOX_METHODS)[number];

export const isBoxMethod = (v: unknown): v is BoxMethod =>
  typeof v === 'string' && (BOX_METHODS as readonly string[]).includes(v);

/** The kinds an authentication of the method may be answered with (`NewAuthentication.kinds`). */
export const METHOD_KINDS: Record<BoxMethod, KindName[]> = {
  app: ['app'],
  codeDevice: ['codeDisplay', 'codeReader', 'password'],
  chip: ['chip', 'password'],
};

/** The possession half of the method: the person's device, of one of these kinds. */
export const DEVICE_KINDS: Record<BoxMethod, KindName[]> = {
  app: ['app'],
  codeDevice: ['codeDisplay', 'codeReader'],
  chip: ['chip'],
};

export const METHOD_LABELS: Record<BoxMethod, MessageId> = {
  app: 'login.method.app',
  codeDevice: 'login.method.codeDevice',
  chip: 'login.method.chip',
};

/** The method an authentication was created for, by its kinds. */
export const methodOf = (kinds: readonly KindName[]): BoxMethod =>
  kinds.includes('chip') ? 'chip' : kinds.includes('codeDisplay') ? 'codeDevice' : 'app';

/** The method a result's amr was reached with (what `mitid_last_kind` remembers). */
export const methodOfAmr = (amr: readonly string[]): BoxMethod =>
  amr.includes('chip')
    ? 'chip'
    : amr.includes('codeDisplay') || amr.includes('codeReader')
      ? 'codeDevice'
      : 'app';

export type Implementations = Partial<Record<KindName, Kind<never>>>;

/** Whether the box can run the method: its kinds' behaviour is wired (the app's is its routes). */
export function methodBuilt(method: BoxMethod, impl: Implementations): boolean {
  if (method === 'app') return true;
  return impl.password !== undefined && DEVICE_KINDS[method].some((k) => impl[k] !== undefined);
}

/** The most the method's device gives (the registry's maxLevel; a kind not registered: low). */
export function methodMaxLevel(method: BoxMethod, kinds: KindRegistry): Level {
  const levels = DEVICE_KINDS[method].map((k) => kinds.get(k)?.maxLevel ?? 'low');
  return levels.reduce<Level>((best, l) => (levelAtLeast(l, best) ? l : best), 'low');
}

export interface MethodChoice {
  method: BoxMethod;
  label: MessageId;
  /** Why it cannot be chosen for this request; undefined: it can. */
  off?: 'unavailable' | 'tooLow';
}

/** The methods for a request at `level`, in the order the box lists them. */
export function methodChoices(level: Level, impl: Implementations, kinds: KindRegistry): MethodChoice[] {
  return BOX_METHODS.map((method) => {
    const off = !methodBuilt(method, impl)
      ? ('unavailable' as const)
      : !levelAtLeast(methodMaxLevel(method, kinds), level)
        ? ('tooLow' as const)
        : undefined;
    return { method, label: METHOD_LABELS[method], ...(off ? { off } : {}) };
  });
}

/** The cookie that holds this interaction's chosen method: `<uid>.<method>`, the box's path. */
export const METHOD_COOKIE = 'mitid_box_method';

/**
 * The method the box offers in this interaction: the one chosen in it ("Skift login-metode"),
 * else the one this browser used last (`mitid_last_kind`), else the app; never one that cannot
 * be chosen for the request.
 */
export function offeredMethod(
  req: FastifyRequest,
  uid: string,
  lastKindCookie: string,
  choices: readonly MethodChoice[],
): BoxMethod {
  const usable = (m: unknown): m is BoxMethod =>
    isBoxMethod(m) && choices.some((c) => c.method === m && c.off === undefined);
  const chosen = req.cookies[METHOD_COOKIE];
  if (typeof chosen === 'string') {
    const [forUid, m] = chosen.split('.');
    if (forUid === uid && usable(m)) return m;
  }
  const last = req.cookies[lastKindCookie];
  return usable(last) ? last : 'app';
}

export function setChosenMethod(
  reply: FastifyReply,
  uid: string,
  method: BoxMethod,
  prefix: string,
  secure: boolean,
): void {
  reply.setCookie(METHOD_COOKIE, `${uid}.${method}`, {
    path: prefix,
    httpOnly: true,
    sameSite: 'lax',
    secure,
  });
}
