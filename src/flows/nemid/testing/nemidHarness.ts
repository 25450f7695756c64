/**
 * In-process test harness for the NemID login: the real MitID app (buildMitidApp) on a fresh
 * database (SQLite unless told otherwise) with a frozen clock, a person with NemID, and a small
 * browser with a cookie jar (and a client address) over app.inject. No ports.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { type Logger, pino } from 'pino';
import { type Config, loadConfig } from '../../../config/config.ts';
import type { Secrets } from '../../../config/secrets.ts';
import type { MitidDb } from '../../../core/db/index.ts';
import { PeopleStore } from '../../../core/people/index.ts';
import { TestClock } from '../../../platform/clock.ts';
import type { Dialect } from '../../../platform/db/database.ts';
import { openTestDatabase, type TestDatabase } from '../../../platform/db/testDb.ts';
import { cryptoRandom } from '../../../platform/random.ts';
import { buildMitidApp, type MitidAppOptions } from '../../../roots/mitid/app.ts';
import { mitidMigrations } from '../../../roots/mitid/db/migrations.ts';
import { createNemidIdentity, type NemidIdentity } from '../createNemidIdentity.ts';
import { userTag } from '../deviceCookie.ts';
import { userCounterKey } from '../guessLimits.ts';
import { normaliseUserId } from '../nemidUserId.ts';

export const ANNA = { cpr: '0101901234', userId: 'Anna90', password: 'Hemmelig-2026' };

export interface NemidPerson {
  cpr: string;
  userId: string;
  password: string;
}
export const BANK_SECRET = 'bank-client-secret-for-tests-0123456789';

export interface Harness {
  app: FastifyInstance;
  database: TestDatabase<MitidDb>;
  clock: TestClock;
  config: Config;
  secrets: Secrets;
  anna: NemidIdentity;
  redirectUri: string;
  /** A new browser (cookie jar) at client address `address` (default 127.0.0.1). */
  browser(address?: string): TestBrowser;
  /** The code printed on Anna's card (or that of a person added with addPerson) next to `keyNo`. */
  codeFor(keyNo: string, cpr?: string): string;
  /** Adds a person with NemID (and a key card). */
  addPerson(person: NemidPerson, name: { givenName: string; familyName: string }): Promise<NemidIdentity>;
  /** The failures counted on the user-ID counter of `userId` (known or not); 0 without a counter. */
  userIdFailures(userId: string): Promise<number>;
  /** How many guessing counters exist. */
  counterCount(): Promise<number>;
  /** POST /nemid/token as Min Bank (or with the given overrides). */
  redeem(
    code: string,
    opts?: { secret?: string; redirectUri?: string; clientId?: string },
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  devPages?: boolean;
  dialect?: Dialect;
  /** Passed to buildMitidApp (e.g. a DeviceActivation port for the activation step's tests). */
  app?: MitidAppOptions;
  /** The app's logger (default: silent), e.g. a memory logger to read what was logged. */
  logger?: Logger;
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'nemid-test-'));
  const config = loadConfig({ DATA_DIR: dataDir, DEV_PAGES: opts.devPages === false ? 'false' : 'true' });
  const secrets: Secrets = {
    cookieKey: 'mitid-cookie-key-for-tests-0123456789',
    serverSecret: 'mitid-server-secret-for-tests-0123456789',
    bankClientSecret: BANK_SECRET,
  };
  const database = await openTestDatabase<MitidDb>(opts.dialect ?? 'sqlite', mitidMigrations);
  const clock = new TestClock();
  const codes = new Map<string, Map<string, string>>();
  const addPerson = async (person: NemidPerson, name: { givenName: string; familyName: string }) => {
    await new PeopleStore(database.db).create(clock, {
      cpr: person.cpr,
      ...name,
      street: 'Vestergade 12',
      postalCode: '1456',
      city: 'København K',
      municipalityCode: '101',
    });
    const identity = await createNemidIdentity(database.db, cryptoRandom, clock, person);
    codes.set(person.cpr, new Map(identity.keyCard.codes.map((c) => [c.keyNo, c.code])));
    return identity;
  };
  const anna = await addPerson(ANNA, { givenName: 'Anna', familyName: 'Berg' });
  const app = await buildMitidApp(
    {
      config,
      secrets,
      db: database.db,
      clock,
      random: cryptoRandom,
      logger: opts.logger ?? pino({ level: 'silent' }),
    },
    opts.app,
  );
  const redirectUri = `${config.bankUrl}/auth/nemid/callback`;
  return {
    app,
    database,
    clock,
    config,
    secrets,
    anna,
    redirectUri,
    browser: (address) => new TestBrowser(app, redirectUri, address),
    codeFor: (keyNo, cpr = ANNA.cpr) => codes.get(cpr)?.get(keyNo) ?? 'no such key',
    addPerson,
    userIdFailures: async (userId) => {
      const key = userCounterKey(userTag(secrets, normaliseUserId(userId)));
      const row = await database.db
        .selectFrom('nemid_attempt_counters')
        .select('failures')
        .where('counter_key', '=', key)
        .executeTakeFirst();
      return row ? Number(row.failures) : 0;
    },
    counterCount: async () =>
      Number(
        (
          await database.db
            .selectFrom('nemid_attempt_counters')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    redeem: (code, o = {}) =>
      app.inject({
        method: 'POST',
        url: '/nemid/token',
        headers: {
          authorization: `Basic ${Buffer.from(`${o.clientId ?? 'minbank'}:${o.secret ?? BANK_SECRET}`).toString('base64')}`,
        },
        payload: { grant_type: 'authorization_code', code, redirect_uri: o.redirectUri ?? redirectUri },
      }),
    close: async () => {
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const csrfOf = (body: string): string => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';
export const keyNoOf = (body: string): string => /(?:nøgle|key) (\d{4})/.exec(body)?.[1] ?? '';
/** The page without its per-request tokens, for comparing two answers. */
export const withoutTokens = (body: string): string =>
  body
    .replace(/name="_csrf" value="[^"]+"/g, 'name="_csrf" value=""')
    .replace(/\/nemid\/login\/[\w-]+/g, '/nemid/login/ID');

/** A browser: keeps cookies between requests, follows nothing by itself. */
export class TestBrowser {
  readonly cookies = new Map<string, string>();
  lastCsrf = '';
  readonly #app: FastifyInstance;
  readonly #redirectUri: string;
  /** The client address the requests come from (a browser can move, e.g. to another network). */
  address: string;
  constructor(app: FastifyInstance, redirectUri: string, address = '127.0.0.1') {
    this.#app = app;
    this.#redirectUri = redirectUri;
    this.address = address;
  }

  #keep(res: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const gone = c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now());
      if (gone) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    return this.#keep(
      await this.#app.inject({
        method: 'GET',
        url,
        remoteAddress: this.address,
        cookies: Object.fromEntries(this.cookies),
      }),
    );
  }

  async post(url: string, form: Record<string, string>): Promise<LightMyRequestResponse> {
    return this.#keep(
      await this.#app.inject({
        method: 'POST',
        url,
        remoteAddress: this.address,
        cookies: Object.fromEntries(this.cookies),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(form).toString(),
      }),
    );
  }

  /** GET /nemid/authorize as Min Bank sends it; returns the login page's path. */
  async startLogin(state = 'state-from-the-bank'): Promise<string> {
    const q = new URLSearchParams({ client_id: 'minbank', redirect_uri: this.#redirectUri, state });
    const res = await this.get(`/nemid/authorize?${q}`);
    if (res.statusCode !== 302) throw new Error(`authorize answered ${res.statusCode}`);
    return String(res.headers.location);
  }

  /**
   * Loads the page and posts the form with `fields`, with the page's CSRF token, or the last one
   * this browser saw when the page has no form (a form posted from an old tab).
   */
  async submit(loginPath: string, fields: Record<string, string>): Promise<LightMyRequestResponse> {
    const page = await this.get(loginPath);
    this.lastCsrf = csrfOf(page.body) || this.lastCsrf;
    return this.post(loginPath, { _csrf: this.lastCsrf, ...fields });
  }

  submitPassword(loginPath: string, userId: string, password: string): Promise<LightMyRequestResponse> {
    return this.submit(loginPath, { step: 'password', userId, password });
  }

  submitCode(loginPath: string, code: string): Promise<LightMyRequestResponse> {
    return this.submit(loginPath, { step: 'keycode', code });
  }

  /** The key the flow asks for now. */
  async askedKey(loginPath: string): Promise<string> {
    return keyNoOf((await this.get(loginPath)).body);
  }
}

/** Runs a whole login (Anna's, or `who`'s); returns the authorization code and the state it came back with. */
export async function logIn(
  h: Harness,
  b = h.browser(),
  who: NemidPerson = ANNA,
): Promise<{ code: string; state: string; location: URL }> {
  const path = await b.startLogin();
  const pw = await b.submitPassword(path, who.userId, who.password);
  if (pw.statusCode !== 303) throw new Error(`password step answered ${pw.statusCode}`);
  const res = await b.submitCode(path, h.codeFor(await b.askedKey(path), who.cpr));
  if (res.statusCode !== 303) throw new Error(`key-code step answered ${res.statusCode}`);
  const location = new URL(String(res.headers.location));
  return {
    code: location.searchParams.get('code') ?? '',
    state: location.searchParams.get('state') ?? '',
    location,
  };
}
