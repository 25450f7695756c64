/**
 * One shape on the wire per audience (docs/errors.md), each written by one function:
 *
 *   HTML pages    the status, the layout with the text in the page's language, "Fejlkode: CODE"
 *                 and the reference (the request id, also in the log line)
 *   JSON APIs     { error, message, reference, ...details }, Cache-Control: no-store and
 *                 Content-Language; `message` in the Accept-Language's language (Danish default);
 *                 `error` is the code's name in the scope's vocabulary, else the canonical ERR_*
 *   OAuth         RFC 6749 §5.2: { error } with the vocabulary's name (error_description is
 *                 optional and US-ASCII only, so the person's text is not sent)
 *
 * `useErrors(scope, vocabulary?)` installs the right writer as the scope's error handler. Internals
 * never reach an answer: an unknown throw is ERR_INTERNAL, logged with its stack under the
 * reference it shows.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type MessageId, t } from '../../i18n/catalogue.ts';
import type { Lang } from '../../i18n/types.ts';
import { html } from '../html/html.ts';
import { page, type Site } from '../html/layout.ts';
import {
  type ErrorCatalogue,
  type ErrorDef,
  type ResolvedError,
  resolvedAs,
  resolveError,
  type VocabularyRule,
} from './errors.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The service's error catalogue, as createApp was given it (inherited by every scope). */
    errorCatalogue: ErrorCatalogue;
  }
}

/**
 * The language of an API answer: English when Accept-Language prefers English to Danish, Danish
 * when it prefers Danish, else `fallback` (the page language, Danish by default). `?lang=` and
 * the cookie are for pages.
 */
export function acceptLanguage(header: string | undefined, fallback: Lang = 'da'): Lang {
  let best: { lang: Lang; q: number } | undefined;
  for (const part of (header ?? '').slice(0, 500).split(',')) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const lang: Lang | undefined = tag.startsWith('en') ? 'en' : tag.startsWith('da') ? 'da' : undefined;
    if (!lang) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (Number.isFinite(q) && q > 0 && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? fallback;
}

function challenge(reply: FastifyReply, def: ErrorDef, realm: string | undefined): void {
  const value = def.headers?.['www-authenticate'];
  if (value) reply.header('www-authenticate', value.replace('{realm}', realm ?? 'mitid'));
}

/** The HTML error page of `site` in the page's language. */
export function writeHtml(
  req: FastifyRequest,
  reply: FastifyReply,
  r: ResolvedError,
  site?: Site,
): FastifyReply {
  const lang: Lang = req.lang ?? 'da';
  const tr = (id: MessageId, params?: Record<string, string>) => t(lang, id, params);
  reply.code(r.def.status).header('cache-control', 'no-store');
  challenge(reply, r.def, undefined);
  const body = html`<h1>${tr('error.title')}</h1>
<p>${tr(r.def.text)}</p>
<p class="form-hint">${tr('error.code', { code: r.code })}</p>
<p class="form-hint">${tr('error.reference', { ref: req.id })}</p>
<p><a href="/">${tr('error.goHome')}</a></p>`;
  // Before routing (frameworkErrors) the reply has no decorators yet: the page is made here.
  if (typeof reply.page !== 'function' && site) {
    return reply
      .type('text/html; charset=utf-8')
      .send(page({ site, lang, title: tr('error.title'), body, path: '/' }).value);
  }
  return reply.page(tr('error.title'), body, { status: r.def.status });
}

/** `{ error, message, reference, ...details }`; `error` is `wire` (the vocabulary's name) or the code. */
export function writeJson(
  req: FastifyRequest,
  reply: FastifyReply,
  r: ResolvedError,
  opts: { wire?: string; text?: MessageId; realm?: string } = {},
): FastifyReply {
  const lang = acceptLanguage(req.headers['accept-language'], req.lang ?? 'da');
  challenge(reply, r.def, opts.realm);
  return reply
    .code(r.def.status)
    .header('cache-control', 'no-store')
    .header('content-language', lang)
    .type('application/json; charset=utf-8')
    .send({
      error: opts.wire ?? r.code,
      message: t(lang, opts.text ?? r.def.text),
      reference: req.id,
      ...r.details,
    });
}

/** RFC 6749 §5.2: `{ error }`, never cached (§5.1). */
export function writeOauth(
  reply: FastifyReply,
  r: ResolvedError,
  wire: string,
  realm?: string,
): FastifyReply {
  challenge(reply, r.def, realm);
  return reply
    .code(r.def.status)
    .header('cache-control', 'no-store')
    .header('pragma', 'no-cache')
    .type('application/json; charset=utf-8')
    .send({ error: wire });
}

/** The generic code a closed vocabulary answers for a code it has no name for. */
const fallbackOf = (def: ErrorDef): string =>
  def.status >= 500 ? 'ERR_INTERNAL' : def.status === 404 ? 'ERR_NOT_FOUND' : 'ERR_BAD_REQUEST';

/** A resolved error in a vocabulary: the resolved entry (a closed one's fallback), its name, its text. */
export function inVocabulary(
  catalogue: ErrorCatalogue,
  vocabulary: string,
  r: ResolvedError,
): { r: ResolvedError; wire: string; text: MessageId } {
  const rule: VocabularyRule = catalogue.vocabularies?.[vocabulary] ?? { shape: 'json' };
  let shown = r;
  let wire = r.def.wire?.[vocabulary];
  if (wire === undefined && rule.closed) {
    shown = resolvedAs(catalogue, fallbackOf(r.def));
    wire = shown.def.wire?.[vocabulary];
  }
  return { r: shown, wire: wire ?? shown.code, text: shown.def.wireText?.[vocabulary] ?? shown.def.text };
}

/** Whether an answer outside any API scope should be JSON: an /api/ path, or a client asking for JSON only. */
function wantsJson(req: FastifyRequest): boolean {
  if (req.url.startsWith('/api/')) return true;
  const accept = req.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

export interface ErrorScopeOptions {
  /** The realm of the scope's Basic challenge (an entry's `Basic realm="{realm}"`). */
  realm?: string;
  /** Answer unknown paths under the scope's prefix too (a scope with a prefix only). */
  notFound?: boolean;
}

/** Answers `r` as the scope's audience expects: the vocabulary's shape, else a page or canonical JSON. */
export function sendResolved(
  req: FastifyRequest,
  reply: FastifyReply,
  catalogue: ErrorCatalogue,
  r: ResolvedError,
  vocabulary?: string,
  opts: ErrorScopeOptions & { site?: Site } = {},
): FastifyReply {
  if (vocabulary === undefined) {
    return wantsJson(req)
      ? writeJson(req, reply, r, { realm: opts.realm })
      : writeHtml(req, reply, r, opts.site);
  }
  const shown = inVocabulary(catalogue, vocabulary, r);
  if (catalogue.vocabularies?.[vocabulary]?.shape === 'oauth') {
    return writeOauth(reply, shown.r, shown.wire, opts.realm);
  }
  return writeJson(req, reply, shown.r, { wire: shown.wire, text: shown.text, realm: opts.realm });
}

/** Answers any thrown value (or refusal) in the scope's shape, and logs it: a 5xx with its stack. */
export function sendError(
  req: FastifyRequest,
  reply: FastifyReply,
  catalogue: ErrorCatalogue,
  err: unknown,
  vocabulary?: string,
  opts: ErrorScopeOptions & { site?: Site } = {},
): FastifyReply {
  const r = resolveError(catalogue, err);
  if (r.def.status >= 500) req.log.error({ err, code: r.logged }, 'request failed');
  else req.log.info({ code: r.logged }, 'request refused');
  return sendResolved(req, reply, catalogue, r, vocabulary, opts);
}

/**
 * Installs the error handler of one Fastify scope: without a vocabulary, error pages (or canonical
 * JSON for an API); with one, that protocol's names and shape ('app/v1', 'ra/v1': JSON; 'oauth':
 * RFC 6749). The catalogue is the one createApp was given.
 */
export function useErrors(scope: FastifyInstance, vocabulary?: string, opts: ErrorScopeOptions = {}): void {
  const catalogue = scope.errorCatalogue;
  if (vocabulary !== undefined && !catalogue.vocabularies?.[vocabulary]) {
    throw new Error(`Unknown error vocabulary: ${vocabulary}`);
  }
  scope.setErrorHandler(async (err, req, reply) => sendError(req, reply, catalogue, err, vocabulary, opts));
  if (opts.notFound) {
    scope.setNotFoundHandler(async (req, reply) =>
      sendResolved(req, reply, catalogue, resolvedAs(catalogue, 'ERR_NOT_FOUND'), vocabulary, opts),
    );
  }
}
