/**
 * The login box's test kit (not shipped code): the real MitID service (the app kind's harness, on
 * SQLite or PostgreSQL, a frozen clock) with the box registered under `/op` against a small
 * LoginMount made here that records finishLogin and finishRefused (the provider's part of the
 * port, which the lead integrates), and a browser: a cookie jar over app.inject that reads the
 * CSRF token of the last page and posts it back as a form does.
 */
import type { LightMyRequestResponse } from 'fastify';
import type { AuthenticationResult } from '../../../core/authentications/index.ts';
import type { MitidDb } from '../../../core/db/index.ts';
import { type AppHarness, SERVER_SECRET, startAppHarness } from '../../../kinds/app/testing/index.ts';
import type { Dialect } from '../../../platform/db/database.ts';
import { cryptoRandom } from '../../../platform/random.ts';
import type { LoginRequest } from '../dialects/Dialect.ts';
import type { GuessingLimit } from './guessing.ts';
import type { BoxInteraction, CprAttempt, LoginMount } from './LoginMount.ts';
import { registerBox } from './registerBox.ts';

export interface Finished {
  uid: string;
  login?: { identityId: string; authenticationId: string; result: AuthenticationResult; authTime: number };
  refused?: 'cancelled' | 'rejected' | 'expired';
}

/** The provider's side of the port, in memory: an interaction is this browser's by its cookie. */
export class RecordingMount implements LoginMount {
  readonly prefix: '/op' | '/idura';
  readonly interactions = new Map<string, BoxInteraction>();
  readonly finished: Finished[] = [];
  /** Where the provider would send the browser back to (the client's redirect URI). */
  callback = 'https://service.example/callback';
  #n = 0;

  constructor(prefix: '/op' | '/idura' = '/op') {
    this.prefix = prefix;
  }

  /** A new interaction; its cookie (`_interaction=<uid>`) is what the provider would set. */
  open(
    request: Partial<LoginRequest> = {},
    client = { id: 'minbank', name: 'Min Bank' },
    extra: Pick<BoxInteraction, 'stepUp'> = {},
  ): string {
    const uid = `uid${++this.#n}x${cryptoRandom.token(8)}`;
    this.interactions.set(uid, {
      uid,
      dialect: 'signaturgruppen',
      client,
      lang: 'da',
      request: {
        level: 'substantial',
        action: 'login',
        referenceText: null,
        uuidHint: null,
        language: null,
        simulation: null,
        ...request,
      },
      ...extra,
    });
    return uid;
  }

  async details(req: import('node:http').IncomingMessage): Promise<BoxInteraction | undefined> {
    const url = req.url ?? '';
    const uid = url.startsWith(`${this.prefix}/login/`)
      ? /^([^/?]+)/.exec(url.slice(`${this.prefix}/login/`.length))?.[1]
      : undefined;
    const cookie = String(req.headers.cookie ?? '');
    if (!uid || !cookie.split(/;\s*/).includes(`_interaction=${uid}`)) return undefined;
    return this.interactions.get(uid);
  }

  async finishLogin(
    req: import('node:http').IncomingMessage,
    res: import('node:http').ServerResponse,
    login: NonNullable<Finished['login']>,
  ): Promise<void> {
    const uid = (await this.details(req))?.uid ?? '';
    this.interactions.delete(uid);
    this.finished.push({ uid, login });
    res.writeHead(303, { location: `${this.callback}?code=for-${uid}` });
    res.end();
  }

  async finishRefused(
    req: import('node:http').IncomingMessage,
    res: import('node:http').ServerResponse,
    why: 'cancelled' | 'rejected' | 'expired',
  ): Promise<void> {
    const uid = (await this.details(req))?.uid ?? '';
    this.interactions.delete(uid);
    this.finished.push({ uid, refused: why });
    res.writeHead(303, { location: `${this.callback}?error=access_denied` });
    res.end();
  }

  /** No CPR match here: the provider's own (cprMatch.e2e.test.ts tests the CPR page whole). */
  async cprMatch(): Promise<CprAttempt> {
    return { result: 'expired' };
  }

  async finishCprMatch(
    _req: import('node:http').IncomingMessage,
    res: import('node:http').ServerResponse,
    how: 'match' | 'exceeded' | 'expired',
  ): Promise<void> {
    res.writeHead(303, { location: `${this.callback}?cpr_match=${how}` });
    res.end();
  }
}

/** A browser: its cookies, the CSRF token of the last page it read. */
export class Browser {
  readonly cookies = new Map<string, string>();
  csrf = '';
  readonly #h: AppHarness;
  constructor(h: AppHarness) {
    this.#h = h;
  }

  #remember(res: LightMyRequestResponse): void {
    const set = res.headers['set-cookie'];
    for (const c of Array.isArray(set) ? set : set ? [set] : []) {
      const [pair = ''] = c.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
    if (token) this.csrf = token;
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** Enters an interaction the way the provider's redirect does (its cookie set). */
  enter(uid: string): void {
    this.cookies.set('_interaction', uid);
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    const res = await this.#h.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader() } });
    this.#remember(res);
    return res;
  }

  async post(url: string, form: Record<string, string> = {}, opts: { csrf?: boolean } = {}) {
    const payload = new URLSearchParams({ ...(opts.csrf === false ? {} : { _csrf: this.csrf }), ...form });
    const res = await this.#h.app.inject({
      method: 'POST',
      url,
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: payload.toString(),
    });
    this.#remember(res);
    return res;
  }
}

export interface BoxKit {
  h: AppHarness;
  mount: RecordingMount;
  /** The second mount, under /idura. */
  idura: RecordingMount;
  browser(): Browser;
  close(): Promise<void>;
}

export async function startBox(
  dialect: Dialect,
  opts: { guessing?: GuessingLimit; env?: Record<string, string>; streamsPerAddress?: number } = {},
): Promise<BoxKit> {
  // Without the app's own login: the box is mounted here, on the recording port.
  const h = await startAppHarness({ dialect, oidcLogin: false, ...(opts.env ? { env: opts.env } : {}) });
  const mount = new RecordingMount();
  const idura = new RecordingMount('/idura');
  await registerBox(
    h.app,
    {
      config: h.config,
      secrets: { cookieKey: 'unused', serverSecret: SERVER_SECRET, bankClientSecret: 'unused' },
      db: h.database.db as import('kysely').Kysely<MitidDb>,
      clock: h.clock,
      random: cryptoRandom,
    },
    h.core,
    [mount, idura],
    {
      guessing: opts.guessing ?? { max: 1000, windowMs: 60_000, delayMs: 0 },
      ...(opts.streamsPerAddress ? { streamsPerAddress: opts.streamsPerAddress } : {}),
    },
  );
  return { h, mount, idura, browser: () => new Browser(h), close: () => h.close() };
}

/** The six digits of the typed code a box page shows. */
export const typedCodeOn = (body: string): string | undefined =>
  /id="login-box-typed">([0-9 ]+)</.exec(body)?.[1]?.replace(/\s/g, '');

/** The QR image (data URL) a box page shows. */
export const qrOn = (body: string): string | undefined => /id="login-box-qr" src="([^"]+)"/.exec(body)?.[1];
