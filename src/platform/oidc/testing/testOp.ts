/**
 * For tests of the services' OpenID Connect login: a real oidc-provider (not MitID's broker, which
 * has its own tests) on a free port, mounted under a path as the broker is (`/op`, `/idura`), that
 * logs in whichever account the test names next, or cancels as a person pressing Afbryd would
 * (`access_denied`; `cpr_match_exceeded`: as after 3 wrong CPR numbers). Everything else (discovery, PKCE, code, tokens, signatures, userinfo,
 * end-session) is oidc-provider's own.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import Provider, { type ClientMetadata, type Configuration } from 'oidc-provider';

export interface TestOpMount {
  prefix: string;
  clients: ClientMetadata[];
  /** Scope → the claims it releases (userinfo; and the ID token's for `openid`). */
  claims: Record<string, string[]>;
  scopes: string[];
}

export interface TestOp {
  origin: string;
  /** The next interaction logs in this account (`cancel`: the person cancels; `cpr_match_exceeded`). */
  next: string;
  accounts: Map<string, Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startTestOp(mounts: TestOpMount[]): Promise<TestOp> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const jwk = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const op: TestOp = {
    origin,
    next: 'cancel',
    accounts: new Map(),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const providers = mounts.map((m) => {
    const configuration: Configuration = {
      clients: m.clients,
      jwks: { keys: [{ ...jwk, kid: 'test-rs256', alg: 'RS256', use: 'sig' } as never] },
      cookies: { keys: ['test-op-cookie-key-0123456789'] },
      claims: m.claims,
      scopes: m.scopes,
      features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
      interactions: { url: (_ctx, interaction) => `${m.prefix}/interaction/${interaction.uid}` },
      findAccount: (_ctx, sub) => {
        const claims = op.accounts.get(sub);
        return claims ? { accountId: sub, claims: () => ({ sub, ...claims }) } : undefined;
      },
      // The ttl functions oidc-provider would warn about.
      ttl: {
        Session: 3600,
        Interaction: 600,
        Grant: 3600,
        AccessToken: 600,
        AuthorizationCode: 60,
        IdToken: 300,
      },
    };
    const provider = new Provider(`${origin}${m.prefix}`, configuration);
    return { prefix: m.prefix, provider, handler: provider.callback() };
  });

  const interaction = async (p: Provider, req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const details = await p.interactionDetails(req, res);
    if (op.next === 'cancel' || op.next === 'cpr_match_exceeded') {
      await p.interactionFinished(req, res, {
        error: 'access_denied',
        error_description: op.next === 'cancel' ? 'mitid_user_aborted' : 'cpr_match_exceeded',
      });
      return;
    }
    const grant = new p.Grant({ accountId: op.next, clientId: String(details.params.client_id) });
    grant.addOIDCScope(String(details.params.scope));
    await p.interactionFinished(req, res, {
      login: { accountId: op.next },
      consent: { grantId: await grant.save() },
    });
  };

  server.on('request', (req, res) => {
    const mount = providers.find((m) => req.url?.startsWith(`${m.prefix}/`));
    if (!mount) {
      res.statusCode = 404;
      res.end();
      return;
    }
    const url = req.url ?? '/';
    if (url.startsWith(`${mount.prefix}/interaction/`)) {
      interaction(mount.provider, req, res).catch((err: unknown) => {
        res.statusCode = 500;
        res.end(String(err));
      });
      return;
    }
    Object.assign(req, { originalUrl: url });
    req.url = url.slice(mount.prefix.length);
    void mount.handler(req, res);
  });
  return op;
}

/** A browser's cookie jar for fetch: what a host set, sent back to that host. */
export class CookieJar {
  readonly #byHost = new Map<string, Map<string, string>>();

  /** Sends a GET with this jar's cookies for the host; no redirect is followed. */
  get(url: string): Promise<Response> {
    return this.fetch(url);
  }

  /** Sends a request (a GET unless `init` says otherwise) with this jar's cookies; no redirect is followed. */
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const u = new URL(url);
    const jar = this.#byHost.get(u.host) ?? new Map<string, string>();
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const headers = new Headers(init.headers);
    if (cookie) headers.set('cookie', cookie);
    const res = await fetch(u, { ...init, redirect: 'manual', headers });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      if (/max-age=0|expires=Thu, 01 Jan 1970/i.test(line) || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    this.#byHost.set(u.host, jar);
    return res;
  }

  /** Follows redirects from `url` while they stay on `host`'s side of the browser; returns the first one that leaves. */
  async followWhile(url: string, stayOn: string): Promise<string> {
    let next = url;
    for (let i = 0; i < 10 && new URL(next).host === stayOn; i++) {
      const res = await this.get(next);
      const location = res.headers.get('location');
      if (!location)
        throw new Error(`${next} answered ${res.status} without a redirect: ${await res.text()}`);
      next = new URL(location, next).href;
    }
    return next;
  }
}

/** A browser at an in-process app (inject): the cookies it was given, sent back on every request. */
export function injectBrowser(app: () => FastifyInstance): {
  cookies: Record<string, string>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, form: Record<string, string>): Promise<LightMyRequestResponse>;
} {
  const cookies: Record<string, string> = {};
  const keep = (res: LightMyRequestResponse) => {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const gone = c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now());
      if (gone) delete cookies[c.name];
      else cookies[c.name] = c.value;
    }
    return res;
  };
  return {
    cookies,
    get: async (url) => keep(await app().inject({ method: 'GET', url, cookies })),
    post: async (url, form) =>
      keep(
        await app().inject({
          method: 'POST',
          url,
          cookies,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams(form).toString(),
        }),
      ),
  };
}
