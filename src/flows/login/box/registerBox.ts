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
import type { KindName, KindRegistry } from '../../../core/authenticators/index.ts';
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
import { DEFAULT_GUESSING, type GuessingLimit, guessingSlowdown } from './guessing.ts';
import { type BoxInteraction, CPR_MATCH_PROMPT, type LoginMount, typedCpr } from './LoginMount.ts';
import { qrFrame } from './qrFrame.ts';

const staticRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), 'static');

/** What the box uses of the MitID core (roots/mitid/hooks.ts' MitidCore has these). */
export interface BoxCore {
  authentications: Authentications;
  kinds: KindRegistry;
  /** The client registry: the box's pages let their forms end at the client's redirect URIs. */
  clients: { get(id: string): Promise<{ redirectUris: readonly string[] } | undefined> };
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

/** The kinds the box can start a login with today; the registry's others are listed as not available yet. */
export const BOX_LOGIN_KINDS: readonly KindName[] = ['app'];

const UID = /^[A-Za-z0-9_-]{1,64}$/;
const FINAL = new Set(['approved', 'rejected', 'cancelled', 'expired', 'unknown']);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const TTL_MINUTES = Math.round(AUTHENTICATION_TTL_MS / 60_000);

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
  const streams = new Map<string, number>();
  const maxStreams = opts.streamsPerAddress ?? 4;
  const longPollMaxS = opts.longPollMaxS ?? 25;
  const authentications = core.authentications;

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
          kinds: [...BOX_LOGIN_KINDS],
          challenge: deps.random.token(32),
          who,
          channel: {
            browserHash,
            interactionId: ctx.uid,
            secret: deps.random.token(32),
            // A step-up: the MitID session binds this browser already (decision 0013 §3).
            ...(verified ? { verified: true as const } : {}),
          },
        });
      } catch (err) {
        // A start at the same moment in this interaction took the place (interaction_id is unique).
        if (!(await authentications.forInteraction(ctx.uid, browserHash))) throw err;
      }
    };

    const kindChoices = (req: FastifyRequest) => {
      const last = req.cookies[LAST_KIND_COOKIE];
      const offered: KindName =
        typeof last === 'string' && (BOX_LOGIN_KINDS as readonly string[]).includes(last)
          ? (last as KindName)
          : 'app';
      const label = (name: KindName) => {
        const id = core.kinds.offer(name)?.name;
        return id ? req.t(id) : name;
      };
      return {
        kind: label(offered),
        kinds: core.kinds.names().map((n) => ({
          label: label(n),
          available: BOX_LOGIN_KINDS.includes(n),
          current: n === offered,
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
        userIdPage(ctx.frame, { ...form, ...kindChoices(req) }),
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
        }),
      );
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
        await start(ctx, browserHash, { uuid: ctx.i.stepUp.uuid }, true);
        cur = await authentications.forInteraction(ctx.uid, browserHash);
      }
      // A known person (uuid hint): the user-ID step is skipped, the app's step starts at once.
      if (!cur && ctx.i.request.uuidHint) {
        await start(ctx, browserHash, { uuid: ctx.i.request.uuidHint });
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
          await start(ctx, hash, { uuid: cur.authentication.identityId ?? '' }, ctx.i.stepUp !== undefined);
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
      await start(ctx, browserHash, { userId });
      req.log.info({ interaction: ctx.uid, client: ctx.i.client.id }, 'login box: authentication started');
      return reply.redirect(ctx.frame.urls.page, 303);
    });

    app.post(`${base}/done`, pages, async (req, reply) => {
      const ctx = await interaction(req, reply);
      if (!ctx) return gone(req, reply);
      const hash = hashOf(req);
      const cur = hash ? await authentications.forInteraction(ctx.uid, hash) : undefined;
      if (!hash || !cur) return gone(req, reply, 'finished');
      const a = cur.authentication;
      if (a.status !== 'approved') return reply.redirect(ctx.frame.urls.page, 303);
      const result = await authentications.consume(a.id, ctx.i.client.id, hash);
      if (!result || a.identityId === null) return gone(req, reply, 'finished');
      reply.raw.appendHeader(
        'set-cookie',
        app.serializeCookie(LAST_KIND_COOKIE, result.kind, {
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
