/**
 * For tests (not shipped code): the real MitID service (the app harness) on a loopback port with
 * both OpenID Connect providers mounted, a person with an activated app, OIDC clients in the
 * registry, and a reduced browser (a cookie jar that follows redirects).
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer } from 'node:net';
import * as client from 'openid-client';
import { ClientAdmin, deriveClientSecretKey, type NewClient } from '../../../core/clients/index.ts';
import { type AppHarness, SERVER_SECRET, startAppHarness } from '../../../kinds/app/testing/index.ts';

type TestDevice = ReturnType<AppHarness['device']>;

import type { Dialect } from '../../../platform/db/database.ts';
import type { KeyRing } from '../../../platform/keys/KeyRing.ts';
import { cryptoRandom } from '../../../platform/random.ts';
import type { DialectName } from '../dialects/index.ts';

export const REDIRECT = 'http://127.0.0.1:4199/cb';
export const POST_LOGOUT = 'http://127.0.0.1:4199/bye';

export interface TestClient {
  id: string;
  secret: string;
  /** The private key of a client with keys (private_key_jwt, signed request objects). */
  key?: KeyObject;
  /** The same key for openid-client (WebCrypto). */
  cryptoKey?: CryptoKey;
  kid?: string;
}

export interface TestOp {
  h: AppHarness;
  base: string;
  identityId: string;
  /** The person's user-ID, and their activated app (PIN 123456). */
  userId: string;
  device: TestDevice;
  addClient(
    input: Partial<NewClient> & { id: string; dialect: DialectName },
    keys?: boolean,
  ): Promise<TestClient>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startTestOp(
  dialect: Dialect,
  opts: {
    simulation?: boolean;
    signing?: KeyRing;
    beforeListen?: (h: AppHarness) => void;
    env?: Record<string, string>;
  } = {},
): Promise<TestOp> {
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const h = await startAppHarness({
    dialect,
    env: { ...opts.env, MITID_URL: base, OIDC_SIMULATION: opts.simulation === false ? 'off' : 'on' },
    ...(opts.signing ? { oidcSigning: opts.signing } : {}),
  });
  // The library's tokens use the real time; the service's clock stands at the same moment.
  h.clock.advance(Date.now() - h.clock.now().getTime());
  opts.beforeListen?.(h);
  await h.app.listen({ host: 'localhost', port });
  const { person, device } = await h.activatedPerson();
  const admin = new ClientAdmin({
    db: h.database.db,
    clock: h.clock,
    random: cryptoRandom,
    key: deriveClientSecretKey(SERVER_SECRET),
  });
  return {
    h,
    base,
    identityId: person.identityId,
    userId: person.userId,
    device,
    async addClient(input, keys = false) {
      let key: KeyObject | undefined;
      let jwk: Record<string, unknown> | undefined;
      const kid = `${input.id}-key`;
      if (keys) {
        const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
        key = pair.privateKey;
        jwk = { ...pair.publicKey.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig' };
      }
      const { secret } = await admin.add({
        name: `Tjeneste ${input.id}`,
        permissions: ['oidc.login'],
        redirectUris: [REDIRECT],
        testClient: true,
        ...input,
        oidc: { postLogoutRedirectUris: [POST_LOGOUT], ...(jwk ? { jwks: [jwk] } : {}), ...input.oidc },
      });
      await h.core.clients.reload();
      const cryptoKey = key
        ? (key.toCryptoKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']) as unknown as CryptoKey)
        : undefined;
      return {
        id: input.id,
        secret: secret?.secret ?? '',
        ...(key && cryptoKey ? { key, cryptoKey, kid } : {}),
      };
    },
    async close() {
      await h.close();
    },
  };
}

/**
 * A browser reduced to what the flows need: a cookie jar (name → value; a cleared cookie is
 * dropped) that follows redirects until one leads to REDIRECT or POST_LOGOUT, which it returns
 * instead of loading; a page (no redirect) is returned as the last response.
 */
export class Browser {
  readonly jar = new Map<string, string>();

  async fetch(url: URL | string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      const cleared =
        value === '' ||
        attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /expires=Thu, 01 Jan 1970/i.test(a));
      if (cleared) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return res;
  }

  /** Follows redirects: the client's URL it ends at, or the page it stopped on. */
  async follow(start: URL | string, init: RequestInit = {}): Promise<{ url: URL } | { page: Response }> {
    let url = new URL(start);
    let first: RequestInit | undefined = init;
    for (let hop = 0; hop < 12; hop++) {
      const res = await this.fetch(url, first);
      first = undefined;
      const location = res.headers.get('location');
      if (!location || res.status < 300 || res.status >= 400) return { page: res };
      await res.body?.cancel();
      url = new URL(location, url);
      if (url.href.startsWith(REDIRECT) || url.href.startsWith(POST_LOGOUT)) return { url };
    }
    throw new Error('too many redirects');
  }

  async callback(start: URL | string): Promise<URL> {
    const r = await this.follow(start);
    if ('page' in r) throw new Error(`stopped at a page: ${r.page.status} ${await r.page.text()}`);
    return r.url;
  }
}

/** openid-client's configuration of a client at one of the providers. */
export function discover(
  op: TestOp,
  prefix: '/op' | '/idura',
  c: TestClient,
  auth: 'basic' | 'post' | 'jwt' = 'basic',
  metadata: Partial<client.ClientMetadata> = {},
): Promise<client.Configuration> {
  const clientAuth =
    auth === 'basic'
      ? client.ClientSecretBasic(c.secret)
      : auth === 'post'
        ? client.ClientSecretPost(c.secret)
        : client.PrivateKeyJwt({ key: c.cryptoKey as CryptoKey, ...(c.kid ? { kid: c.kid } : {}) });
  return client.discovery(new URL(`${op.base}${prefix}`), c.id, metadata, clientAuth, {
    execute: [client.allowInsecureRequests],
  });
}

/** A code + PKCE login by the simulation; the parameters, and the callback URL. */
export interface AuthParams {
  verifier: string;
  state: string;
  nonce: string;
  params: Record<string, string>;
}

/** The parameters of a code + PKCE request by the simulation (with `extra`; an empty value drops one). */
export async function authParams(op: TestOp, extra: Record<string, string> = {}): Promise<AuthParams> {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const all: Record<string, string> = {
    redirect_uri: REDIRECT,
    scope: 'openid',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    simulation: `no-ui uuid:${op.identityId}`,
    ...extra,
  };
  const params = Object.fromEntries(Object.entries(all).filter(([, v]) => v !== ''));
  return { verifier, state, nonce, params };
}

export type Tokens = client.TokenEndpointResponse & client.TokenEndpointResponseHelpers;

export async function simulatedLogin(
  op: TestOp,
  config: client.Configuration,
  browser = new Browser(),
  extra: Record<string, string> = {},
  build: (p: Record<string, string>) => Promise<URL> | URL = (p) => client.buildAuthorizationUrl(config, p),
): Promise<{ tokens: Tokens; browser: Browser; callback: URL; verifier: string; state: string }> {
  const { verifier, state, nonce, params } = await authParams(op, extra);
  const callback = await browser.callback(await build(params));
  const tokens = await client.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: verifier,
    expectedState: state,
    expectedNonce: nonce,
  });
  return { tokens, browser, callback, verifier, state };
}

/** A logout token a receiver got, and the path it was posted to. */
export interface ReceivedLogout {
  path: string;
  token: string;
}

/** A loopback receiver of logout tokens: each path answers 200, or 500 while it is told to fail. */
export async function logoutReceiver(): Promise<{
  server: Server;
  base: string;
  got: ReceivedLogout[];
  failing: Map<string, number>;
}> {
  const got: ReceivedLogout[] = [];
  const failing = new Map<string, number>();
  const server = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString('utf8');
    });
    req.on('end', () => {
      const path = req.url ?? '';
      const left = failing.get(path) ?? 0;
      if (left > 0) {
        failing.set(path, left - 1);
        res.writeHead(500).end();
        return;
      }
      got.push({ path, token: new URLSearchParams(body).get('logout_token') ?? '' });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { server, base: `http://127.0.0.1:${port}`, got, failing };
}
