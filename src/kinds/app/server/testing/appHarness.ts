/**
 * In-process harness for the app protocol's tests (not shipped code): the real MitID service
 * (buildMitidApp) on a fresh SQLite database with a frozen clock, and people made directly with
 * the stores as a bank enrollment leaves them: person + NemID, an enrollment waiting at
 * activation, a MitID identity with confirmed contacts, and an activation code from the net bank.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { type Logger, pino } from 'pino';
import { type Config, loadConfig } from '../../../../config/config.ts';
import type { Secrets } from '../../../../config/secrets.ts';
import { activationCodeSms, deriveCodeKey, OneTimeCodes } from '../../../../core/codes/index.ts';
import type { MitidDb } from '../../../../core/db/index.ts';
import type { Contact } from '../../../../core/identity/index.ts';
import { MessageStore } from '../../../../core/messages/index.ts';
import { enrollAtActivation } from '../../../../flows/enrollment/testing/index.ts';
import { createPersonWithNemid } from '../../../../flows/nemid/index.ts';
import { TestClock } from '../../../../platform/clock.ts';
import type { Dialect } from '../../../../platform/db/database.ts';
import { openTestDatabase, type TestDatabase } from '../../../../platform/db/testDb.ts';
import type { KeyRing } from '../../../../platform/keys/KeyRing.ts';
import { cryptoRandom } from '../../../../platform/random.ts';
import { buildMitidApp, mitidCoreOf } from '../../../../roots/mitid/app.ts';
import { mitidMigrations } from '../../../../roots/mitid/db/migrations.ts';
import type { MitidCore } from '../../../../roots/mitid/hooks.ts';
import { TestDevice, type TestDeviceOptions } from './TestDevice.ts';

export const SERVICE_SECRET = 'bank-client-secret-for-tests-0123456789';
export const COOKIE_KEY = 'mitid-cookie-key-for-tests-0123456789';
export const SERVER_SECRET = 'mitid-server-secret-for-tests-0123456789';

export interface TestPerson {
  cpr: string;
  userId: string;
  identityId: string;
  enrollmentId: string;
  mobile: string | null;
  email: string | null;
}

export interface PersonOptions {
  userId?: string;
  /** +45 and 8 digits; null for a person without a mobile number (temporary PIN in the app). */
  mobile?: string | null;
  email?: string | null;
}

export interface AppHarness {
  app: FastifyInstance;
  /** The app's core services: block and unblock as support and self-service will (issue 12). */
  core: MitidCore;
  database: TestDatabase<MitidDb>;
  clock: TestClock;
  config: Config;
  /** A person as a bank enrollment leaves them, waiting for the app's activation. */
  person(opts?: PersonOptions): Promise<TestPerson>;
  /** "VIS AKTIVERINGSKODE" in the net bank: a new activation code for the person. */
  activationCode(p: TestPerson): Promise<string>;
  device(opts?: TestDeviceOptions): TestDevice;
  /** A person with an activated device (PIN 123456 unless told otherwise). */
  activatedPerson(
    opts?: PersonOptions & TestDeviceOptions,
  ): Promise<{ person: TestPerson; device: TestDevice }>;
  /** POST /api/transactions as Min Bank. */
  createTransaction(body: Record<string, unknown>, secret?: string): Promise<LightMyRequestResponse>;
  transactionStatus(id: string): Promise<Record<string, unknown>>;
  /** Bodies of the SMS / e-mails sent to `recipient`, oldest first. */
  messagesTo(recipient: string): Promise<{ channel: string; subject: string; body: string }[]>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  logger?: Logger;
  dialect?: Dialect;
  /** Settings as environment variables (e.g. { RATE_LIMIT_PER_CLIENT: '5' }). */
  env?: Record<string, string>;
  /**
   * A database already migrated to the latest schema (a migration test's rows of an older one in
   * it), instead of a fresh one; the harness closes it.
   */
  database?: TestDatabase<MitidDb>;
  /** The OPAQUE server setup (a device registered before the harness was built); else a new one. */
  opaqueServerSetup?: string;
  /** The OpenID Connect provider's signing-key ring (a key rotation test); else a fresh key. */
  oidcSigning?: KeyRing;
  /** false: the app without the OpenID Connect login (a test that mounts a part of it itself). */
  oidcLogin?: boolean;
}

export async function startAppHarness(opts: HarnessOptions = {}): Promise<AppHarness> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'app-test-'));
  const config = loadConfig({ ...opts.env, DATA_DIR: dataDir, DEV_PAGES: 'false' });
  const secrets: Secrets = {
    cookieKey: COOKIE_KEY,
    serverSecret: SERVER_SECRET,
    bankClientSecret: SERVICE_SECRET,
    ...(opts.opaqueServerSetup ? { opaqueServerSetup: opts.opaqueServerSetup } : {}),
    ...(opts.oidcSigning ? { oidcSigning: opts.oidcSigning } : {}),
  };
  const database =
    opts.database ?? (await openTestDatabase<MitidDb>(opts.dialect ?? 'sqlite', mitidMigrations));
  const db = database.db;
  const clock = new TestClock();
  const app = await buildMitidApp(
    {
      config,
      secrets,
      db,
      clock,
      random: cryptoRandom,
      logger: opts.logger ?? pino({ level: 'silent' }),
    },
    opts.oidcLogin === false ? { oidcLogin: false } : {},
  );
  const codes = new OneTimeCodes({ db, clock, random: cryptoRandom, key: deriveCodeKey(SERVER_SECRET) });
  const now = (): number => clock.now().getTime();
  let people = 0;

  const h: AppHarness = {
    app,
    core: mitidCoreOf(app),
    database,
    clock,
    config,
    async person(o = {}) {
      const i = ++people;
      const cpr = `150583${1000 + i}`;
      await createPersonWithNemid(
        db,
        cryptoRandom,
        clock,
        {
          cpr,
          givenName: 'Jonas',
          familyName: 'Jensen',
          street: 'Vestergade 12',
          postalCode: '1456',
          city: 'København K',
          municipalityCode: '101',
        },
        { userId: `nemid-person-${i}`, password: 'Hemmelig-2026' },
      );
      const mobile = o.mobile === undefined ? `+4512${String(i).padStart(6, '0')}` : o.mobile;
      const email = o.email === undefined ? `person${i}@example.dk` : o.email;
      const contacts: Contact[] = [];
      if (mobile) contacts.push({ channel: 'mobile', value: mobile, confirmedAt: now() });
      if (email) contacts.push({ channel: 'email', value: email, confirmedAt: now() });
      const userId = o.userId ?? `J()nas Jen5en ${i}`;
      const { identity, enrollmentId } = await enrollAtActivation(db, {
        cpr,
        userId,
        contacts,
        bankUrl: config.bankUrl,
        now,
      });
      return { cpr, userId: identity.userId, identityId: identity.id, enrollmentId, mobile, email };
    },
    async activationCode(p) {
      // The bank allows 5 codes an hour per identity (activationCodeSms); tests that make many
      // start the count again by forgetting a used code, as if the hour had passed.
      if ((await codes.status(p.identityId, activationCodeSms))?.used) await codes.deleteFlow(p.identityId);
      const issued = await codes.issue(p.identityId, activationCodeSms, p.identityId);
      if (!issued.ok) throw new Error('no activation code');
      return issued.code;
    },
    device: (o) => new TestDevice(h, o),
    async activatedPerson(o = {}) {
      const person = await h.person(o);
      const device = h.device(o);
      await device.activate(person, await h.activationCode(person));
      return { person, device };
    },
    createTransaction: (body, secret = SERVICE_SECRET) =>
      app.inject({
        method: 'POST',
        url: '/api/transactions',
        headers: { authorization: `Basic ${Buffer.from(`minbank:${secret}`).toString('base64')}` },
        payload: body,
      }),
    async transactionStatus(id) {
      const res = await app.inject({
        method: 'GET',
        url: `/api/transactions/${id}`,
        headers: { authorization: `Basic ${Buffer.from(`minbank:${SERVICE_SECRET}`).toString('base64')}` },
      });
      return res.json();
    },
    async messagesTo(recipient) {
      const newestFirst = await new MessageStore(db).listByRecipient(recipient);
      return newestFirst.reverse().map((m) => ({ channel: m.channel, subject: m.subject, body: m.body }));
    },
    async close() {
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return h;
}
