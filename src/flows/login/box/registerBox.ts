/**
 * The login box's routes, under each mount's prefix (`/op`, `/idura`), for an interaction uid:
 *
 *   GET  <prefix>/login/<uid>            the box: the user-ID step, the waiting step or how it ended
 *   POST <prefix>/login/<uid>            FORTSÆT (userId) or "Prøv igen" (retry): a new authentication
 *   POST <prefix>/login/<uid>/done       the approved result, consumed once from this browser → finishLogin
 *   POST <prefix>/login/<uid>/cancel     Afbryd, "Tilbage til <service>" → finishRefused
 *   GET  <prefix>/login/<uid>/events     server-sent events: `status` on a change, `frame` (QR) each second
 *   GET  <prefix>/login/<uid>/status     long polling: ?since=<status>&wait=<s> → { status, expiresAt }
 *   GET  <prefix>/login/<uid>/open-app   "Åbn MitID app": 303 to <mitidUrl>/app/#channel=<QR payload now>
 *   POST <prefix>/login/<uid>/method     "Skift login-metode": the method of this interaction (a form post)
 *   POST <prefix>/login/<uid>/code       the code device's code (decision 0014 §4)
 *   POST <prefix>/login/<uid>/password   the password, after the code device's proof
 *   POST <prefix>/login/<uid>/chip       the chip: the password and the WebAuthn assertion in one post
 *
 * Rules (docs/protocols/login-box.md):
 * - the pages and forms ask the provider for the interaction (LoginMount.details); the status,
 *   events and open-app routes read only the database by uid and the binding cookie's hash, so any
 *   node answers them;
 * - one current authentication per interaction (interaction_id is unique): a new start releases
 *   the interaction first, cancelling its open authentication as superseded;
 * - a known and an unknown user-ID take the same path: the identity is resolved inside the INSERT,
 *   every start is counted against its user-ID (a delay after a few, never a refusal), the answer
 *   is the same redirect, and the waiting page the same (the unknown one's app never answers);
 * - the result is consumed once, by the interaction's client, from the browser that started it.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceDeps } from '../../../config/deps.ts';
import { serverSecretOf } from '../../../config/secrets.ts';
import {
  AUTHENTICATION_TTL_MS,
  type Authentication,
  type Authentications,
  type ChannelCandidate,
  qrPayload,
  requiresUserVerification,
  typedCode,
} from '../../../core/authentications/index.ts';
import type { Authenticator, KindName, KindRegistry } from '../../../core/authenticators/index.ts';
import type { MitidDb } from '../../../core/db/index.ts';
import { USER_ID_MAX_LENGTH, userIdProblems } from '../../../core/identity/index.ts';
import { type MessageId, type Params, translator } from '../../../i18n/catalogue.ts';
import type { Lang } from '../../../i18n/types.ts';
import { perAddress } from '../../../platform/http/perAddress.ts';
import { formatOrderTime } from '../../../platform/time/formatOrderTime.ts';
import { bindingOf, browserHashOf, ensureBinding, LAST_KIND_COOKIE } from './binding.ts';
import {
  actionTitle,
  type BoxFrame,
  boxUrls,
  cprPage,
  type EndState,
  endPage,
  gonePage,
  userIdPage,
  waitingPage,
} from './boxPages.ts';
import { chipPage, codePage, type DeviceStep, PASSWORD_INPUT_MAX, passwordPage } from './devicePages.ts';
import { DeviceSteps, type StepResult } from './deviceSteps.ts';
import { DEFAULT_GUESSING, decoyRefs, type GuessingLimit, guessingSlowdown } from './guessing.ts';
import { type BoxInteraction, CPR_MATCH_PROMPT, type LoginMount, typedCpr } from './LoginMount.ts';
import {
  type BoxMethod,
  DEVICE_KINDS,
  type Implementations,
  isBoxMethod,
  METHOD_KINDS,
  METHOD_LABELS,
  methodChoices,
  methodOf,
  methodOfAmr,
  offeredMethod,
  setChosenMethod,
} from './methods.ts';
import { qrFrame } from './qrFrame.ts';

const staticRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), 'static');

/** What the box uses of the MitID core (roots/mitid/hooks.ts' MitidCore has these). */
export interface BoxCore {
  authentications: Authentications;
  kinds: KindRegistry;
  /** The client registry: the box's pages let their forms end at the client's redirect URIs. */
  clients: { get(id: string): Promise<{ redirectUris: readonly string[] } | undefined> };
  /** The person's authenticators: the device a code or chip step is answered with. */
  authenticators: { listFor(identityId: string, kind?: KindName): Promise<Authenticator[]> };
  /** The kinds' behaviour (decision 0014 §4), read at each request: what the root has wired. */
  implementations: Implementations;
}

/**
 * The app's CSP with the client's redirect URI origins added to `form-action`: the box's done and
 * cancel forms end, through the provider's redirects, at the client's callback, and a browser
 * checks form-action on every redirect of a form's navigation. Only the interaction's client's
 * registered origins are added, only on the box's pages.
 */
export function widenFormAction(csp: string, redirectUris: readonly string[]): string {
  const origins = [
    ...new Set(
      redirectUris.flatMap((u) => {
        try {
          const o = new URL(u).origin;
          return o === 'null' || /[\s;,']/.test(o) ? [] : [o];
        } catch {
          return [];
        }
      }),
    ),
  ];
  if (origins.length === 0) return csp;
  return csp
    .split(';')
    .map((d) => (d.startsWith('form-action ') ? `${d} ${origins.join(' ')}` : d))
    .join(';');
}

export interface BoxOptions {
  /** The per-user-ID slowdown (guessing.ts); DEFAULT_GUESSING unless told. */
  guessing?: GuessingLimit;
  /** Open event streams per client address on this node. */
  streamsPerAddress?: number;
  /** The longest long poll, in seconds. */
  longPollMaxS?: number;
}

/** The kinds the box can start a login with through the app's own routes (the app's channel). */
export const BOX_LOGIN_KINDS: readonly KindName[] = ['app'];

const UID = /^[A-Za-z0-9_-]{1,64}$/;
const FINAL = new Set(['approved', 'rejected', 'cancelled', 'expired', 'unknown']);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const TTL_MINUTES = Math.round(AUTHENTICATION_TTL_MS / 60_000);

/** The chip's assertion as posted (JSON of at most 16 KiB, an object), or undefined. */
function chipResponse(v: unknown): Record<string, unknown> | undefined {
  if (typeof v !== 'string' || v === '' || v.length > 16_384) return undefined;
  try {
    const parsed: unknown = JSON.parse(v);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Why a typed user-ID cannot be one (nothing is counted or written for it), or undefined. */
function userIdProblem(v: unknown): { id: MessageId; params?: Params } | undefined {
  if (typeof v !== 'string' || v.trim() === '') return { id: 'login.userId.missing' };
  const s = v.trim();
  if ([...s].length > USER_ID_MAX_LENGTH)
    return { id: 'login.userId.tooLong', params: { max: USER_ID_MAX_LENGTH } };
  // The characters no user-ID can have (the enrollment's rule, core/identity): named in the message.
  const bad = userIdProblems(s).find((p) => p.id === 'enrollment.userId.invalidCharacters');
  if (bad && 'params' in bad) return { id: 'login.userId.invalid', params: bad.params };
  return undefined;
}

export async function registerBox(
  app: FastifyInstance,
  deps: ServiceDeps<MitidDb>,
  core: BoxCore,
  mounts: readonly LoginMount[],
  opts: BoxOptions = {},
): Promise<void> {
  await app.register(fastifyStatic, {
    root: staticRoot,
    prefix: '/static/login-box/',
    decorateReply: false,
    maxAge: '1h',
    allowedPath: (p) => /^\/[a-z-]+\.js$/.test(p),
  });
  const secure = deps.config.mitidUrl.startsWith('https:');
  const now = (): number => deps.clock.now().getTime();
  const slowdown = guessingSlowdown(
    deps.db as never,
    serverSecretOf(deps.secrets),
    opts.guessing ?? DEFAULT_GUESSING,
  );
  const decoyRefOf = decoyRefs(serverSecretOf(deps.secrets));
  const streams = new Map<string, number>();
  const maxStreams = opts.streamsPerAddress ?? 4;
  const longPollMaxS = opts.longPollMaxS ?? 25;
  const authentications = core.authentications;
  const steps = new DeviceSteps({
    db: deps.db,
    now,
    authentications,
    authenticators: core.authenticators,
    implementations: () => core.implementations,
  });

  for (const mount of mounts) {
    const base = `${mount.prefix}/login/:uid`;
    const pages = { config: { rateLimit: perAddress('pages') } };
    const uidOf = (req: FastifyRequest): string | undefined => {
      const uid = (req.params as { uid?: unknown }).uid;
      return typeof uid === 'string' && UID.test(uid) ? uid : undefined;
    };
    const hashOf = (req: FastifyRequest): string | undefined => {
      const token = bindingOf(req);
      return token ? browserHashOf(token) : undefined;
    };

    interface Ctx {
      uid: string;
      i: BoxInteraction;
      lang: Lang;
      frame: BoxFrame;
    }

    /** The interaction of this request, with the page's language set; undefined: gone. */
    const interaction = async (req: FastifyRequest, reply: FastifyReply): Promise<Ctx | undefined> => {
      const uid = uidOf(req);
      if (!uid) return undefined;
      const i = await mount.details(req.raw, reply.raw);
      if (!i || i.uid !== uid) return undefined;
      const asked = (req.query as Record<string, unknown> | undefined)?.lang;
      const lang: Lang = asked === 'da' || asked === 'en' ? asked : (i.request.language ?? i.lang ?? 'da');
      req.lang = lang;
      req.t = translator(lang);
      const csp = reply.raw.getHeader('content-security-policy');
      const client = await core.clients.get(i.client.id);
      if (typeof csp === 'string' && client) {
        reply.raw.setHeader('content-security-policy', widenFormAction(csp, client.redirectUris));
      }
      const frame: BoxFrame = {
        t: req.t,
        lang,
        service: i.client.name,
        action: i.request.action,
        urls: boxUrls(mount.prefix, uid, lang),
        csrf: reply.generateCsrf(),
      };
      return { uid, i, lang, frame };
    };

    const gone = (req: FastifyRequest, reply: FastifyReply, kind: 'gone' | 'finished' = 'gone') =>
      reply.page(req.t(`login.${kind}.title`), gonePage(req.t, kind), {
        status: kind === 'gone' ? 404 : 409,
      });

    /** A new authentication in the interaction (the earlier one released and, if open, superseded). */
    const start = async (
      ctx: Ctx,
      browserHash: string,
      who: { userId: string } | { uuid: string },
      verified = false,
      method: BoxMethod = 'app',
    ): Promise<void> => {
      const { i } = ctx;
      await authentications.releaseInteraction(ctx.uid);
      try {
        await authentications.create({
          id: randomUUID(),
          clientId: i.client.id,
          serviceName: i.client.name,
          action: i.request.action,
          // The app shows the transaction's text, else the reference text; without one, the box's
          // action header, in the box's language.
          text:
            i.request.transaction?.text ??
            i.request.referenceText ??
            actionTitle(ctx.frame.t, i.request.action, i.client.name),
          requestedLevel: i.request.level,
          // A transaction needs the PIN or biometrics, whatever its action (decision 0013 §2).
          requiresUv:
            requiresUserVerification(i.request.action, i.request.level) ||
            i.request.transaction !== undefined,
          kinds: [...METHOD_KINDS[method]],
          challenge: deps.random.token(32),
          who,
          // Every start by user-ID, known or not: the code step's decoy is named by it.
          ...('userId' in who ? { decoyRef: decoyRefOf(who.userId) } : {}),
          channel: {
            browserHash,
            interactionId: ctx.uid,
            secret: deps.random.token(32),
            // A step-up: the MitID session binds this browser already (decision 0013 §3). A code
            // device or the chip: the typed code or the chip's touch proves presence at this
            // screen, no app is involved (decision 0014 §4).
            ...(verified || method !== 'app' ? { verified: true as const } : {}),
          },
        });
      } catch (err) {
        // A start at the same moment in this interaction took the place (interaction_id is unique).
        if (!(await authentications.forInteraction(ctx.uid, browserHash))) throw err;
      }
    };

    /** The methods for this request ("Skift login-metode") and the one offered. */
    const methodsFor = (req: FastifyRequest, ctx: Ctx) => {
      const choices = methodChoices(ctx.i.request.level, core.implementations, core.kinds);
      const offered = offeredMethod(req, ctx.uid, LAST_KIND_COOKIE, choices);
      return { choices, offered };
    };

    const kindChoices = (req: FastifyRequest, ctx: Ctx, current?: BoxMethod) => {
      const { choices, offered } = methodsFor(req, ctx);
      const shown = current ?? offered;
      return {
        kind: req.t(METHOD_LABELS[shown]),
        kinds: choices.map((c) => ({
          method: c.method,
          label: req.t(c.label),
          available: c.off === undefined,
          current: c.method === shown,
          ...(c.off === 'unavailable'
            ? { note: req.t('login.kind.unavailable') }
            : c.off === 'tooLow'
              ? { note: req.t('login.kind.tooLow', { service: ctx.i.client.name }) }
              : {}),
        })),
      };
    };

    const showUserId = (
      req: FastifyRequest,
      reply: FastifyReply,
      ctx: Ctx,
      form: { value?: string; error?: string } = {},
      status = 200,
    ) =>
      reply.page(
        actionTitle(ctx.frame.t, ctx.i.request.action, ctx.i.client.name),
        userIdPage(ctx.frame, { ...form, ...kindChoices(req, ctx) }),
        { status },
      );

    const endStateOf = (a: Authentication): EndState | undefined =>
      a.status === 'rejected' || a.status === 'cancelled' || a.status === 'expired' ? a.status : undefined;

    /** The page of the interaction's current authentication in this browser. */
    const showState = async (
      req: FastifyRequest,
      reply: FastifyReply,
      ctx: Ctx,
      cur: { authentication: Authentication; channel: ChannelCandidate | null },
    ) => {
      const a = cur.authentication;
      const end = endStateOf(a);
      if (end) return reply.page(req.t(`login.${end}.title`), endPage(ctx.frame, end, TTL_MINUTES));
      if (a.status === 'approved' && a.consumedAt !== null) return gone(req, reply, 'finished');
      const method = methodOf(a.kinds);
      if (method !== 'app' && a.status === 'pending') return showDeviceStep(req, reply, ctx, a);
      const at = now();
      return reply.page(
        actionTitle(ctx.frame.t, ctx.i.request.action, ctx.i.client.name),
        waitingPage(ctx.frame, {
          status: a.status as 'awaiting_channel' | 'pending' | 'approved',
          qrSvgDataUrl: cur.channel ? await qrFrame(cur.channel, at) : null,
          typedCode: cur.channel ? typedCode(cur.channel) : null,
          referenceText: ctx.i.request.referenceText,
          transactionText: ctx.i.request.transaction?.text ?? null,
          expiresAt: a.expiresAt,
          now: at,
          expiresAtText: formatOrderTime(ctx.lang, a.expiresAt),
          ...(ctx.i.stepUp ? { stepUp: true } : {}),
          ...((ctx.i.stepUp || ctx.i.request.uuidHint) && a.status !== 'approved'
            ? { methods: kindChoices(req, ctx, method).kinds }
            : {}),
        }),
      );
    };

    /** Which device step the authentication is at: the device's (code or chip), then the password. */
    const deviceStepOf = (a: Authentication): 'code' | 'chip' | 'password' => {
      const method = methodOf(a.kinds);
      const proved = a.proofs.some((p) => DEVICE_KINDS[method].includes(p.kind));
      return proved ? 'password' : method === 'chip' ? 'chip' : 'code';
    };

    /** The code, password or chip page of a pending authentication, with an error when told. */
    const showDeviceStep = async (
      req: FastifyRequest,
      reply: FastifyReply,
      ctx: Ctx,
      a: Authentication,
      error?: string,
    ) => {
      const method = methodOf(a.kinds);
      const s: DeviceStep = {
        ...(error ? { error } : {}),
        transactionText: ctx.i.request.transaction?.text ?? null,
        referenceText: ctx.i.request.referenceText,
        kinds: kindChoices(req, ctx, method).kinds,
      };
      const title = actionTitle(ctx.frame.t, ctx.i.request.action, ctx.i.client.name);
      const status = error ? 400 : 200;
      const step = deviceStepOf(a);
      if (step === 'code') return reply.page(title, codePage(ctx.frame, s), { status });
      if (step === 'password') return reply.page(title, passwordPage(ctx.frame, s), { status });
      const options = await steps.beginChip(a);
      if (!options)
        return reply.page(req.t('login.cancelled.title'), endPage(ctx.frame, 'cancelled', TTL_MINUTES));
      return reply.page(title, chipPage(ctx.frame, { ...s, options }), { status });
    };

    /**
     * Ends the cpr_match prompt. Another request of this browser may have ended the interaction
     * meanwhile (parallel posts): then back to the box's page, which says so, never a hung reply.
     */
    const finishCpr = async (
      req: FastifyRequest,
      reply: FastifyReply,
      ctx: Ctx,
      how: 'match' | 'exceeded' | 'expired',
    ) => {
      reply.hijack();
      try {
        await mount.finishCprMatch(req.raw, reply.raw, how);
      } catch (err) {
        if (reply.raw.headersSent) throw err;
        req.log.info({ interaction: ctx.uid, err }, 'login box: the interaction ended before the cpr match');
        reply.raw.writeHead(303, { location: ctx.frame.urls.page, 'cache-control': 'no-store' });
        reply.raw.end();
      }
    };

    /** The CPR page (the cpr_match prompt): past its time, on to a new MitID login at once. */
    const showCpr = async (req: FastifyRequest, reply: FastifyReply, ctx: Ctx) => {
      if (ctx.i.cprMatch?.expired) return await finishCpr(req, reply, ctx, 'expired');
      return reply.page(req.t('login.cpr.title'), cprPage(ctx.frame));
    };

    /** A CPR number typed: a wrong format is not a try; a mismatch is counted; the last one ends the flow. */
    const typedCprNumber = async (req: FastifyRequest, reply: FastifyReply, ctx: Ctx, v: unknown) => {
      const cpr = typedCpr(v);
      if (!cpr) {
        const id = typeof v !== 'string' || v.trim() === '' ? 'login.cpr.missing' : 'login.cpr.format';
        return reply.page(req.t('login.cpr.title'), cprPage(ctx.frame, { error: req.t(id) }), {
          status: 400,
        });
      }
      const r = await mount.cprMatch(req.raw, reply.raw, cpr);
      req.log.info(
        { interaction: ctx.uid, client: ctx.i.client.id, result: r.result },
        'login box: cpr match',
      );
      if (r.result === 'mismatch' && r.triesLeft > 0) {
        const id = r.triesLeft === 1 ? 'login.cpr.mismatch.one' : 'login.cpr.mismatch.many';
        const error = req.t(id, { tries: r.triesLeft });
        return reply.page(req.t('login.cpr.title'), cprPage(ctx.frame, { error }), { status: 400 });
      }
      await finishCpr(
        req,
        reply,
        ctx,
        r.result === 'match' ? 'match' : r.result === 'expired' ? 'expired' : 'exceeded',
      );
    };

    app.get(base, pages, async (req, reply) => {
      const ctx = await interaction(req, reply);
      if (!ctx) return gone(req, reply);
      if (ctx.i.prompt === CPR_MATCH_PROMPT) return showCpr(req, reply, ctx);
      const browserHash = browserHashOf(
        ensureBinding(req, reply, mount.prefix, secure, () => deps.random.token(32)),
      );
      let cur = await authentications.forInteraction(ctx.uid, browserHash);
      // A step-up of this browser's session: its person, no user-ID, no QR; the app asks the PIN.
      if (!cur && ctx.i.stepUp) {
        await start(ctx, browserHash, { uuid: ctx.i.stepUp.uuid }, true, methodsFor(req, ctx).offered);
        cur = await authentications.forInteraction(ctx.uid, browserHash);
      }
      // A known person (uuid hint): the user-ID step is skipped, the app's step starts at once.
      if (!cur && ctx.i.request.uuidHint) {
        await start(ctx, browserHash, { uuid: ctx.i.request.uuidHint }, false, methodsFor(req, ctx).offered);
        cur = await authentications.forInteraction(ctx.uid, browserHash);
      }
      if (!cur) return showUserId(req, reply, ctx);
      return showState(req, reply, ctx, cur);
    });

    app.post(base, pages, async (req, reply) => {
      const ctx = await interaction(req, reply);
      if (!ctx) return gone(req, reply);
      const body = (req.body ?? {}) as Record<string, unknown>;
      if (ctx.i.prompt === CPR_MATCH_PROMPT) return typedCprNumber(req, reply, ctx, body.cpr);
      if (body.retry !== undefined || ctx.i.request.uuidHint || ctx.i.stepUp) {
        // "Prøv igen" after expiry: the same person (or nobody) again, in the same interaction.
        const hash = hashOf(req);
        const cur = hash ? await authentications.forInteraction(ctx.uid, hash) : undefined;
        if (hash && cur?.authentication.status === 'expired') {
          await start(
            ctx,
            hash,
            { uuid: cur.authentication.identityId ?? '' },
            ctx.i.stepUp !== undefined,
            methodOf(cur.authentication.kinds),
          );
        }
        return reply.redirect(ctx.frame.urls.page, 303);
      }
      const problem = userIdProblem(body.userId);
      if (problem) {
        const value = typeof body.userId === 'string' ? body.userId : '';
        return showUserId(req, reply, ctx, { value, error: req.t(problem.id, problem.params) }, 400);
      }
      const userId = (body.userId as string).trim();
      const browserHash = browserHashOf(
        ensureBinding(req, reply, mount.prefix, secure, () => deps.random.token(32)),
      );
      await slowdown(userId, now());
      await start(ctx, browserHash, { userId }, false, methodsFor(req, ctx).offered);
      req.log.info({ interaction: ctx.uid, client: ctx.i.client.id }, 'login box: authentication started');
      return reply.redirect(ctx.frame.urls.page, 303);
    });

    /**
     * The approved result, consumed once from this browser, to the provider; the method is
     * remembered in `mitid_last_kind` ('app' | 'codeDevice' | 'chip', by the result's amr).
     */
    const finish = async (
      req: FastifyRequest,
      reply: FastifyReply,
      ctx: Ctx,
      hash: string,
      a: Authentication,
    ) => {
      const result = await authentications.consume(a.id, ctx.i.client.id, hash);
      if (!result || a.identityId === null) return gone(req, reply, 'finished');
      reply.raw.appendHeader(
        'set-cookie',
        app.serializeCookie(LAST_KIND_COOKIE, methodOfAmr(result.amr), {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure,
          maxAge: 365 * 24 * 3600,
        }),
      );
      req.log.info({ interaction: ctx.uid, authentication: a.id }, 'login box: login finished');
      reply.hijack();
      await mount.finishLogin(req.raw, reply.raw, {
        identityId: a.identityId,
        authenticationId: a.id,
        result,
        authTime: Math.floor((a.decidedAt ?? now()) / 1000),
      });
    };

    app.post(`${base}/done`, pages, async (req, reply) => {
      const ctx = await interaction(req, reply);
      if (!ctx) return gone(req, reply);
      const hash = hashOf(req);
      const cur = hash ? await authentications.forInteraction(ctx.uid, hash) : undefined;
      if (!hash || !cur) return gone(req, reply, 'finished');
      const a = cur.authentication;
      if (a.status !== 'approved') return reply.redirect(ctx.frame.urls.page, 303);
      return finish(req, reply, ctx, hash, a);
    });

    /**
     * "Skift login-metode": the method of this interaction (a cookie naming it and the uid). One
     * that cannot be chosen for the request changes nothing. Where the box skips the user-ID (a
     * step-up, a uuid hint), an open authentication of another method is replaced by one of this.
     */
    app.post(`${base}/method`, pages, async (req, reply) => {
      const ctx = await interaction(req, reply);
      if (!ctx) return gone(req, reply);
      const m = ((req.body ?? {}) as Record<string, unknown>).method;
      const choice = methodsFor(req, ctx).choices.find((c) => c.method === m && c.off === undefined);
      if (!isBoxMethod(m) || !choice) return reply.redirect(ctx.frame.urls.page, 303);
      setChosenMethod(reply, ctx.uid, m, mount.prefix, secure);
      const hash = hashOf(req);
      const cur = hash ? await authentications.forInteraction(ctx.uid, hash) : undefined;
      const a = cur?.authentication;
      const skipsUserId =
        ctx.i.stepUp ?? (ctx.i.request.uuidHint ? { uuid: ctx.i.request.uuidHint } : undefined);
      if (hash && a && methodOf(a.kinds) !== m) {
        const open = a.status === 'awaiting_channel' || a.status === 'pending';
        if (skipsUserId && open) {
          await start(ctx, hash, { uuid: skipsUserId.uuid }, ctx.i.stepUp !== undefined, m);
        } else if (open) {
          // A user-ID typed for another method: back to the user-ID step, to type it for this one.
          await authentications.releaseInteraction(ctx.uid);
        }
      }
      return reply.redirect(ctx.frame.urls.page, 303);
    });

    /** The authentication a device step's post answers: pending, of that method, at that step. */
    const atStep = async (req: FastifyRequest, ctx: Ctx, step: 'code' | 'chip' | 'password') => {
      const hash = hashOf(req);
      const cur = hash ? await authentications.forInteraction(ctx.uid, hash) : undefined;
      const a = cur?.authentication;
      if (!hash || !a || a.status !== 'pending' || methodOf(a.kinds) === 'app') return undefined;
      return deviceStepOf(a) === step ? { hash, a } : undefined;
    };

    /** The message of a kind's refusal (decision 0014 §4): never which of user-ID or device. */
    const refusalText = (req: FastifyRequest, ctx: Ctx, r: Extract<StepResult, { code: string }>) => {
      const until = typeof r.details?.until === 'number' ? r.details.until : null;
      const left = typeof r.details?.left === 'number' ? r.details.left : undefined;
      switch (r.code) {
        case 'code_format':
          return req.t('login.code.format');
        case 'code_slowed':
          return until
            ? req.t('login.code.slowed', { time: formatOrderTime(ctx.lang, until) })
            : req.t('login.code.wrong');
        case 'code_wrong':
          return left === undefined
            ? req.t('login.code.wrong')
            : left === 1
              ? req.t('login.code.wrong.one')
              : req.t('login.code.wrong.many', { tries: left });
        case 'password_locked':
          return until
            ? req.t('login.password.lockedUntil', { time: formatOrderTime(ctx.lang, until) })
            : req.t('login.password.locked');
        case 'password_wrong':
          return req.t('login.password.wrong');
        case 'chip_expired':
          return req.t('login.chip.expired');
        default:
          return req.t(
            r.code.startsWith('password')
              ? 'login.password.wrong'
              : r.code.startsWith('code')
                ? 'login.code.wrong'
                : 'login.chip.wrong',
          );
      }
    };

    /** After a step's result: approved → on to the service; a refusal → the step again, with its message. */
    const afterStep = async (
      req: FastifyRequest,
      reply: FastifyReply,
      ctx: Ctx,
      hash: string,
      r: StepResult,
      answered: 'code' | 'chip' | 'password',
    ) => {
      const cur = await authentications.forInteraction(ctx.uid, hash);
      const a = cur?.authentication;
      if (r.ok && r.approved && a?.status === 'approved') return finish(req, reply, ctx, hash, a);
      // Moved on meanwhile (another post of this browser won): the page shows where it is.
      if (r.ok || 'raced' in r || !a || a.status !== 'pending' || deviceStepOf(a) !== answered)
        return reply.redirect(ctx.frame.urls.page, 303);
      req.log.info({ interaction: ctx.uid, refusal: r.code }, 'login box: a device step refused');
      return showDeviceStep(req, reply, ctx, a, refusalText(req, ctx, r));
    };

    /** A field's text, or why it cannot be an answer (nothing is counted for it). */
    const field = (v: unknown, max: number): string | 'missing' | 'tooLong' => {
      if (typeof v !== 'string' || v === '') return 'missing';
      return [...v].length > max ? 'tooLong' : v;
    };

    app.post(`${base}/code`, pages, async (req, reply) => {
      const ctx = await interaction(req, reply);
      if (!ctx) return gone(req, reply);
      const at = await atStep(req, ctx, 'code');
      if (!at) return reply.redirect(ctx.frame.urls.page, 303);
      const v = field((req.body as Record<string, unknown> | undefined)?.code, 16);
      const code = v === 'missing' || v === 'tooLong' ? v : v.replace(/[\s-]/g, '');
      if (code === 'missing' || code === '')
        return showDeviceStep(req, reply, ctx, at.a, req.t('login.code.missing'));
      if (code === 'tooLong' || !/^\d{6}$/.test(code))
        return showDeviceStep(req, reply, ctx, at.a, req.t('login.code.format'));
      const r = await steps.answer(at.a, DEVICE_KINDS.codeDevice, { code });
      return afterStep(req, reply, ctx, at.hash, r, 'code');
    });

    app.post(`${base}/password`, pages, async (req, reply) => {
      const ctx = await interaction(req, reply);
      if (!ctx) return gone(req, reply);
      const at = await atStep(req, ctx, 'password');
      if (!at) return reply.redirect(ctx.frame.urls.page, 303);
      const password = field((req.body as Record<string, unknown> | undefined)?.password, PASSWORD_INPUT_MAX);
      if (password === 'missing' || password === 'tooLong') {
        const id = password === 'missing' ? 'login.password.missing' : 'login.password.tooLong';
        return showDeviceStep(req, reply, ctx, at.a, req.t(id, { max: PASSWORD_INPUT_MAX }));
      }
      const r = await steps.answer(at.a, ['password'], { password });
      return afterStep(req, reply, ctx, at.hash, r, 'password');
    });

    /** The chip's one post: the chip first; the password only when the chip is the person's. */
    app.post(`${base}/chip`, pages, async (req, reply) => {
      const ctx = await interaction(req, reply);
      if (!ctx) return gone(req, reply);
      const at = await atStep(req, ctx, 'chip');
      if (!at) return reply.redirect(ctx.frame.urls.page, 303);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const password = field(body.password, PASSWORD_INPUT_MAX);
      if (password === 'missing' || password === 'tooLong') {
        const id = password === 'missing' ? 'login.password.missing' : 'login.password.tooLong';
        return showDeviceStep(req, reply, ctx, at.a, req.t(id, { max: PASSWORD_INPUT_MAX }));
      }
      const response = chipResponse(body.response);
      if (!response) return showDeviceStep(req, reply, ctx, at.a, req.t('login.chip.wrong'));
      const chip = await steps.answer(at.a, DEVICE_KINDS.chip, { response });
      if (!chip.ok) return afterStep(req, reply, ctx, at.hash, chip, 'chip');
      const cur = await authentications.forInteraction(ctx.uid, at.hash);
      if (cur?.authentication.status !== 'pending') return afterStep(req, reply, ctx, at.hash, chip, 'chip');
      const r = await steps.answer(cur.authentication, ['password'], { password });
      return afterStep(req, reply, ctx, at.hash, r, 'password');
    });

    app.post(`${base}/cancel`, pages, async (req, reply) => {
      const ctx = await interaction(req, reply);
      if (!ctx) return gone(req, reply);
      const hash = hashOf(req);
      const cur = hash ? await authentications.forInteraction(ctx.uid, hash) : undefined;
      const a = cur?.authentication;
      const why = a?.status === 'rejected' ? 'rejected' : a?.status === 'expired' ? 'expired' : 'cancelled';
      if (a && (a.status === 'awaiting_channel' || a.status === 'pending')) {
        await authentications.cancel(a.id, 'person');
      }
      reply.hijack();
      await mount.finishRefused(req.raw, reply.raw, why);
    });

    app.get(`${base}/open-app`, pages, async (req, reply) => {
      const uid = uidOf(req);
      const hash = hashOf(req);
      const cur = uid && hash ? await authentications.forInteraction(uid, hash) : undefined;
      if (!uid) return gone(req, reply);
      if (!cur?.channel) return reply.redirect(boxUrls(mount.prefix, uid, req.lang).page, 303);
      const payload = qrPayload(cur.channel, now());
      return reply
        .header('cache-control', 'no-store')
        .redirect(`${deps.config.mitidUrl}/app/#channel=${encodeURIComponent(payload)}`, 303);
    });

    app.get(`${base}/status`, pages, async (req, reply) => {
      const uid = uidOf(req);
      const hash = hashOf(req);
      const q = (req.query ?? {}) as Record<string, unknown>;
      const wait = Math.min(Math.max(Number(q.wait) || 0, 0), longPollMaxS);
      const since = typeof q.since === 'string' ? q.since : undefined;
      let closed = false;
      req.raw.on('close', () => {
        closed = true;
      });
      const until = Date.now() + wait * 1000;
      for (;;) {
        const cur = uid && hash ? await authentications.forInteraction(uid, hash) : undefined;
        const status = cur?.authentication.status ?? 'unknown';
        if (status !== since || Date.now() >= until || closed) {
          return reply
            .header('cache-control', 'no-store')
            .send({ status, expiresAt: cur?.authentication.expiresAt ?? null });
        }
        await sleep(1000);
      }
    });

    app.get(`${base}/events`, pages, async (req, reply) => {
      const uid = uidOf(req);
      const hash = hashOf(req);
      if (!uid || !hash)
        return reply.code(404).header('cache-control', 'no-store').send({ status: 'unknown' });
      const address = req.ip;
      const open = streams.get(address) ?? 0;
      if (open >= maxStreams)
        return reply.code(429).header('cache-control', 'no-store').send({ status: 'busy' });
      streams.set(address, open + 1);
      let closed = false;
      const release = () => {
        if (closed) return;
        closed = true;
        const left = (streams.get(address) ?? 1) - 1;
        if (left <= 0) streams.delete(address);
        else streams.set(address, left);
      };
      req.raw.on('close', release);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-accel-buffering': 'no',
      });
      res.write('retry: 3000\n\n');
      const send = (event: string, data: object) =>
        res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      // However the clock reads, a stream never outlives an authentication's lifetime (and a little).
      const deadline = Date.now() + AUTHENTICATION_TTL_MS + 30_000;
      let last: string | undefined;
      try {
        while (!closed && Date.now() < deadline) {
          const cur = await authentications.forInteraction(uid, hash);
          const status = cur?.authentication.status ?? 'unknown';
          if (status !== last) {
            send('status', { status, expiresAt: cur?.authentication.expiresAt ?? null });
            last = status;
          }
          if (FINAL.has(status)) break;
          if (cur?.channel) send('frame', { qr: await qrFrame(cur.channel, now()) });
          await sleep(1000);
        }
      } catch (err) {
        req.log.error({ err }, 'login box: the event stream failed');
      } finally {
        release();
        res.end();
      }
    });
  }
}
