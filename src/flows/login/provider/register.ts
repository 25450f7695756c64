/**
 * Mounts the two providers in the MitID Fastify app (decision 0012 §2). An onRequest hook hands
 * every request under `/op` and `/idura` to its provider: the reply is hijacked, the raw request's
 * URL loses the prefix and keeps it in `originalUrl` (oidc-provider reads its mount path from the
 * two), so Fastify never parses those bodies. The box's pages (`<prefix>/login/…`) and the
 * simulation's (`<prefix>/simulation/:uid`) are Fastify routes instead.
 */
import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../../config/deps.ts';
import { serverSecretOf } from '../../../config/secrets.ts';
import type { Authentications } from '../../../core/authentications/index.ts';
import type { Authenticators } from '../../../core/authenticators/index.ts';
import type { ClientRegistry } from '../../../core/clients/index.ts';
import type { MitidDb } from '../../../core/db/index.ts';
import { perAddress } from '../../../platform/http/perAddress.ts';
import { KeyRing } from '../../../platform/keys/KeyRing.ts';
import {
  newOidcSigningKey,
  oidcSigningJwks,
  type SigningJwk,
} from '../../../platform/keys/oidcSigningKey.ts';
import { DIALECTS, type Dialect, type DialectName } from '../dialects/Dialect.ts';
import { derivePairwiseKey } from './accounts.ts';
import { registerCprMatchApi } from './cprMatch.ts';
import type { LoginMount } from './LoginMount.ts';
import { ProviderMount } from './mount.ts';
import { errorPage, langOf, unavailablePage } from './pages.ts';
import { DialectProvider, MOUNTS, type Prefix } from './providers.ts';
import { Sessions } from './sessions.ts';

export interface LoginCore {
  clients: ClientRegistry;
  authentications: Authentications;
  authenticators: Authenticators;
}

export interface LoginOptions {
  /** The broker dialects (flows/login/dialects: dialectOf). */
  dialects: (name: DialectName) => Dialect;
  /** The login box: registers its routes at `<prefix>/login/…` of each mount. None: a "not available" page. */
  box?: (app: FastifyInstance, mounts: readonly LoginMount[]) => void | Promise<void>;
  /** The waits before each further try of a failed back-channel logout (ms; sessions.ts). */
  backchannelRetryDelaysMs?: readonly number[];
}

const mountsOfApp = new WeakMap<FastifyInstance, readonly LoginMount[]>();
const sessionsOfApp = new WeakMap<FastifyInstance, Sessions>();

/** The shared sessions of this app's providers (tests wait for its back-channel deliveries). */
export function sessionsOf(app: FastifyInstance): Sessions {
  const sessions = sessionsOfApp.get(app);
  if (!sessions) throw new Error('This app has no OpenID Connect login (registerLogin)');
  return sessions;
}

/** The login mounts registerLogin made in this app (what the box and tests finish interactions through). */
export function loginMountsOf(app: FastifyInstance): readonly LoginMount[] {
  const mounts = mountsOfApp.get(app);
  if (!mounts) throw new Error('This app has no OpenID Connect login (registerLogin)');
  return mounts;
}

/** The signing JWKs of a ring's accepted versions (current first), parsed once per set of versions. */
function signingKeysOf(ring: () => KeyRing): () => SigningJwk[] {
  let cached: { versions: string; keys: SigningJwk[] } | undefined;
  return () => {
    const accepted = ring().accepted();
    const versions = accepted.map((v) => v.version).join(',');
    if (cached?.versions !== versions) {
      cached = { versions, keys: accepted.flatMap((v) => oidcSigningJwks(v.secret)) };
    }
    return cached.keys;
  };
}

export async function registerLogin(
  app: FastifyInstance,
  deps: ServiceDeps<MitidDb>,
  core: LoginCore,
  opts: LoginOptions,
): Promise<readonly ProviderMount[]> {
  const { config, secrets } = deps;
  const cookieKey = secrets.cookieKey;
  const cookieKeys = (): string[] => {
    if (typeof cookieKey === 'string') return [cookieKey];
    const keys = cookieKey.keys?.();
    if (!keys || keys.length === 0)
      throw new Error('The cookie signer gives the OpenID Connect provider no keys');
    return keys;
  };
  // A process without the key store's ring (tests) gets a fresh key, made at the first request.
  let fresh: KeyRing | undefined;
  const ring = (): KeyRing => {
    if (secrets.oidcSigning) return secrets.oidcSigning;
    fresh ??= new KeyRing(
      'oidc-signing',
      [
        {
          purpose: 'oidc-signing',
          version: 1,
          secret: newOidcSigningKey(),
          createdAt: 0,
          activatesAt: 0,
          retiredAt: null,
        },
      ],
      deps.clock,
    );
    return fresh;
  };
  const signingKeys = signingKeysOf(ring);
  const pairwiseKey = derivePairwiseKey(serverSecretOf(secrets));
  const interactionUrl = (prefix: Prefix, uid: string, simulation: boolean): string =>
    `${prefix}/${simulation ? 'simulation' : 'login'}/${uid}`;

  const sessions = new Sessions({
    clients: core.clients,
    db: deps.db,
    clock: deps.clock,
    log: (level, msg, fields) => app.log[level](fields, msg),
    ...(opts.backchannelRetryDelaysMs ? { retryDelaysMs: opts.backchannelRetryDelaysMs } : {}),
  });
  sessionsOfApp.set(app, sessions);
  // Any node retries the back-channel logouts that came due (a crashed node's included).
  app.addHook('onReady', async () => sessions.start());
  app.addHook('onClose', async () => sessions.stop());
  const mounts = DIALECTS.map((name) => {
    const provider = new DialectProvider({
      mitidUrl: config.mitidUrl,
      db: deps.db,
      clock: deps.clock,
      clients: core.clients,
      dialect: opts.dialects(name),
      random: deps.random,
      authentications: core.authentications,
      cookieKeys,
      signingKeys,
      pairwiseKey,
      simulationEnabled: config.oidcSimulation,
      proxy: config.trustProxy.length > 0,
      interactionUrl,
      onServerError: (err) => app.log.error({ err }, 'OpenID Connect provider error'),
      sessions,
    });
    sessions.add(provider);
    return new ProviderMount(provider, {
      db: deps.db,
      clock: deps.clock,
      random: deps.random,
      simulationEnabled: config.oidcSimulation,
      authentications: core.authentications,
      authenticators: core.authenticators,
    });
  });

  // Per-address throttles (decision 0003): the browser's endpoints as pages, the rest as APIs.
  // The provider's routes are not Fastify's, so the limiters run here, before the hand-over.
  const limitPages = app.rateLimit(perAddress('pages'));
  const limitApi = app.rateLimit(perAddress('api'));
  app.addHook('onRequest', async (req, reply) => {
    const url = req.raw.url ?? '';
    for (const mount of mounts) {
      const { prefix } = mount;
      if (url !== prefix && !url.startsWith(`${prefix}/`) && !url.startsWith(`${prefix}?`)) continue;
      const rest = url.slice(prefix.length);
      if (rest.startsWith('/login/') || rest.startsWith('/simulation/') || rest.startsWith('/api/')) return;
      const path = rest.split('?')[0] ?? '';
      const { routes } = MOUNTS[mount.dialectProvider.dialect.name];
      const browser =
        path.startsWith(routes.authorization ?? '\0') || path.startsWith(routes.end_session ?? '\0');
      if (browser) await limitPages.call(app, req, reply);
      else await limitApi.call(app, req, reply);
      reply.hijack();
      const raw = req.raw as typeof req.raw & { originalUrl?: string };
      raw.originalUrl = url;
      raw.url = rest.startsWith('/') ? rest : `/${rest}`;
      mount.dialectProvider.handle(raw, reply.raw);
      return;
    }
  });

  for (const mount of mounts) {
    app.get<{ Params: { uid: string } }>(
      `${mount.prefix}/simulation/:uid`,
      { config: { rateLimit: perAddress('pages') } },
      async (req, reply) => {
        reply.hijack();
        const done = await mount.simulate(req.raw, reply.raw, req.params.uid);
        if (!done) {
          const lang = langOf(undefined, req.headers.cookie);
          reply.raw.statusCode = 400;
          reply.raw.setHeader('content-type', 'text/html; charset=utf-8');
          reply.raw.setHeader('cache-control', 'no-store');
          reply.raw.end(
            errorPage(
              lang,
              { error: 'invalid_request', error_description: 'no such simulated login' },
              req.url,
            ),
          );
        }
      },
    );
  }

  // Signaturgruppen's CPR Match API (cprMatch.ts), a Fastify route beside its provider.
  for (const mount of mounts) {
    const p = mount.dialectProvider;
    if (p.dialect.name !== 'signaturgruppen') continue;
    registerCprMatchApi(app, {
      prefix: mount.prefix,
      dialect: p.dialect,
      db: deps.db,
      store: p.cprMatches,
      provider: () => p.provider,
      client: (id) => p.client(id),
    });
  }

  mountsOfApp.set(app, mounts);
  if (opts.box) {
    await opts.box(app, mounts);
  } else {
    for (const mount of mounts) {
      app.get(`${mount.prefix}/login/:uid`, async (req, reply) =>
        reply
          .code(503)
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .send(unavailablePage(req.lang, req.url)),
      );
    }
  }
  return mounts;
}
