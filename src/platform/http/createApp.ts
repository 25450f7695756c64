/**
 * The HTTP foundation both services share. Reads as a table of what every request gets:
 *   security headers + strict CSP      (helmet)
 *   signed cookies                     (@fastify/cookie)
 *   form bodies, size-limited          (@fastify/formbody)
 *   language from ?lang= / cookie      (lang hook)
 *   CSRF check on every unsafe method  (csrf hook; JSON APIs with bearer auth opt out per route)
 *   rate limits where a route asks     (@fastify/rate-limit per address, perAddress.ts)
 *   client address from trusted proxies (trustProxy: TRUST_PROXY only)
 *   static files, bad paths answered 404 (staticPath hook)
 *   error pages with stable codes      (the catalogue's entries: errorWire.ts; 405 with Allow)
 *   /healthz, /readyz, /metrics        (operations; /metrics off, open or token)
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import { type Logger, pino } from 'pino';
import { type T, translator } from '../../i18n/catalogue.ts';
import type { Lang } from '../../i18n/types.ts';
import type { SafeHtml } from '../html/html.ts';
import { page, type Site } from '../html/layout.ts';
import type { CookieKey } from '../keys/ringCookieSigner.ts';
import { recordAllowedMethods } from './allowedMethods.ts';
import { type ErrorCatalogue, MitidError, platformErrors, resolvedAs } from './errors.ts';
import { sendError, sendResolved } from './errorWire.ts';
import { loggerOptions, RequestLog } from './logging.ts';
import { type MetricsAccess, registerMetrics } from './metrics.ts';
import type { PerAddressLimits } from './perAddress.ts';
import './perAddress.ts';

declare module 'fastify' {
  interface FastifyRequest {
    lang: Lang;
    t: T;
  }
  interface FastifyReply {
    /** Renders a full page of this site. */
    page(title: string, body: SafeHtml, opts?: { headerExtra?: SafeHtml; status?: number }): FastifyReply;
  }
  interface FastifyContextConfig {
    /** false: this route is not a form (e.g. a JSON API with its own authentication). */
    csrf?: boolean;
  }
}

export interface AppOptions {
  site: Site;
  /** Public origin of this app. */
  origin: string;
  /** Signs the cookies: one key, or a key ring's signer (src/platform/keys/ringCookieSigner.ts). */
  cookieKey: CookieKey;
  logLevel: string;
  /** Origins that this app's forms may post or redirect to (CSP form-action). */
  formActionOrigins: string[];
  /** Readiness check: resolves when the app can serve (e.g. the database answers). */
  ready: () => Promise<void>;
  /** Use this logger instead of creating one (tests capture logs this way). */
  logger?: Logger;
  /** Proxies whose X-Forwarded-For is believed (TRUST_PROXY); none by default. */
  trustProxy?: string[];
  /** The per-address throttles by class (RATE_LIMIT_*). */
  perAddressLimits: PerAddressLimits;
  /** Who may read /metrics (METRICS, METRICS_TOKEN). */
  metrics: MetricsAccess;
  /** The service's error catalogue (the composition root's); the generic codes by default. */
  errors?: ErrorCatalogue;
  /**
   * The names of the CSRF and language cookies (`_csrf` and `lang` by default). Cookies do not
   * separate by port, so two sites on one host (Min Bank and Borger on 127.0.0.1) need their own.
   */
  cookieNames?: { csrf: string; lang: string };
}

const here = path.dirname(fileURLToPath(import.meta.url));
const dkfdsDist = path.resolve(here, '../../../node_modules/dkfds/dist');
const siteStatic = path.resolve(here, '../html/static');

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function createApp(opts: AppOptions): Promise<FastifyInstance> {
  const secure = opts.origin.startsWith('https:');
  const LANG_COOKIE = opts.cookieNames?.lang ?? 'lang';
  const catalogue: ErrorCatalogue = opts.errors ?? { entries: platformErrors };
  for (const code of Object.keys(platformErrors)) {
    if (!Object.hasOwn(catalogue.entries, code)) throw new Error(`The error catalogue lacks ${code}`);
  }
  const app = Fastify({
    loggerInstance: (opts.logger ?? pino(loggerOptions(opts.logLevel, opts.site))) as FastifyBaseLogger,
    logController: new RequestLog(),
    bodyLimit: 64 * 1024,
    trustProxy: opts.trustProxy && opts.trustProxy.length > 0 ? opts.trustProxy : false,
    genReqId: () => crypto.randomUUID(),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // A URL the router cannot even decode is a bad request, answered like any other error.
    frameworkErrors: (err, req, reply) =>
      sendError(req, reply, catalogue, err, undefined, { site: opts.site }),
  });
  app.decorate('errorCatalogue', catalogue);
  const notFound = (req: FastifyRequest, reply: FastifyReply) =>
    sendResolved(req, reply, catalogue, resolvedAs(catalogue, 'ERR_NOT_FOUND'));
  const allowedMethods = recordAllowedMethods(app);
  app.decorate('perAddressLimits', opts.perAddressLimits);

  // The CSP header is made once here, not by @fastify/helmet: it builds helmet anew on every
  // request, and parsing and checking the directives was most of that work.
  const formAction = ["'self'", ...opts.formActionOrigins];
  if (formAction.some((source) => /[\s;,]/.test(source))) throw new Error('Invalid form-action origin');
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    `form-action ${formAction.join(' ')}`,
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    ...(secure ? ['upgrade-insecure-requests'] : []),
  ].join(';');
  app.addHook('onRequest', (_req, reply, done) => {
    reply.raw.setHeader('Content-Security-Policy', csp);
    done();
  });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: false,
    strictTransportSecurity: secure ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
  });
  await app.register(fastifyCookie, { secret: opts.cookieKey });
  await app.register(fastifyFormbody, { bodyLimit: 16 * 1024 });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: opts.cookieNames?.csrf ?? '_csrf',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', secure, signed: true },
    getToken: (req) => (req.body as Record<string, unknown> | undefined)?._csrf as string | undefined,
  });
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: () => new MitidError('ERR_RATE_LIMITED'),
  });
  await app.register(fastifyStatic, {
    root: dkfdsDist,
    prefix: '/static/dkfds/',
    maxAge: '1h',
    allowedPath: (p) => /^\/(css|fonts|img)\//.test(p),
  });
  await app.register(fastifyStatic, {
    root: siteStatic,
    prefix: '/static/site/',
    decorateReply: false,
    maxAge: '1h',
  });

  // A static path with a NUL, another control character or a backslash names no file: 404 before
  // the file system sees it (node:fs throws on a NUL, which would be logged as a failure).
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/static/')) return;
    const raw = req.url.split('?')[0] ?? '';
    let path: string;
    try {
      path = decodeURIComponent(raw);
    } catch {
      return notFound(req, reply);
    }
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
    if (/[\u0000-\u001f\u007f\\]/.test(path)) return notFound(req, reply);
  });

  app.decorateRequest('lang', 'da');
  app.decorateRequest('t', translator('da'));
  app.decorateReply('page', function (this: FastifyReply, title, body, pageOpts = {}) {
    const req = this.request;
    return this.code(pageOpts.status ?? this.statusCode)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(
        page({
          site: opts.site,
          lang: req.lang,
          title,
          body,
          path: req.url,
          headerExtra: pageOpts.headerExtra,
        }).value,
      );
  });

  // Language: ?lang= switches and is remembered in a cookie; Danish is the default.
  app.addHook('onRequest', async (req, reply) => {
    const asked = (req.query as Record<string, unknown> | undefined)?.lang;
    let lang: Lang = req.cookies[LANG_COOKIE] === 'en' ? 'en' : 'da';
    if (asked === 'da' || asked === 'en') {
      lang = asked;
      reply.setCookie(LANG_COOKIE, lang, { path: '/', sameSite: 'lax', secure, maxAge: 365 * 24 * 3600 });
    }
    req.lang = lang;
    req.t = translator(lang);
  });

  // CSRF on every unsafe request unless the route says it is not a form. A request no route
  // matched changes nothing: it goes to the not-found handler (404, or 405 with Allow).
  app.addHook('preHandler', (req, reply, done) => {
    if (!unsafeMethods.has(req.method) || req.is404 || req.routeOptions.config?.csrf === false) return done();
    app.csrfProtection(req, reply, done);
  });

  app.setErrorHandler(async (err, req, reply) => sendError(req, reply, catalogue, err));
  app.setNotFoundHandler(async (req, reply) => {
    const allowed = allowedMethods(req.url.split('?')[0] ?? '');
    if (allowed.length > 0 && !allowed.includes(req.method)) {
      reply.header('allow', allowed.join(', '));
      return sendResolved(req, reply, catalogue, resolvedAs(catalogue, 'ERR_METHOD_NOT_ALLOWED'));
    }
    return notFound(req, reply);
  });
  app.get('/healthz', { config: { csrf: false } }, async () => ({ status: 'ok' }));
  app.get('/readyz', async (req, reply) => {
    try {
      await opts.ready();
      return { status: 'ready' };
    } catch (err) {
      req.log.warn({ err }, 'not ready');
      return reply.code(503).send({ status: 'unavailable' });
    }
  });
  registerMetrics(app, opts.site, opts.metrics);
  return app;
}
