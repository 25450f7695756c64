/**
 * `people create --with-app`: a test person with an active MitID and an activated MitID app (the
 * headless client's state folder), in one command (issue 9 item 5; decision 0012 §4).
 *
 * How, honestly: nothing is written past the protocol. The person and NemID are made as `create`
 * makes them; then the MitID as a bank enrollment leaves it at the activation step (the enrollment
 * started by Min Bank, the identity with its confirmed mobile number, every wizard step applied
 * through EnrollmentStore) and the net bank's activation code issued as its "VIS AKTIVERINGSKODE"
 * does. The app is then activated by the Node client (MitidAppClient) over the app protocol,
 * served in this process by the MitID service's own code (buildMitidApp on the same database,
 * with the same keys from its key store), so the activation, the PIN's OPAQUE registration, the
 * device key and the identity becoming active happen exactly as for a phone. The temporary PIN is
 * read from the SMS the service queued for the person's mobile number. The state folder points at
 * MITID_URL, where `npm start` serves the same database.
 */
import { hostname } from 'node:os';
import * as opaque from '@serenity-kit/opaque';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { pino } from 'pino';
import type { Config } from '../../config/config.ts';
import { loadFileSecrets, loadMitidSecrets, serverSecretOf } from '../../config/secrets.ts';
import { activationCodeSms, deriveCodeKey, OneTimeCodes } from '../../core/codes/index.ts';
import type { MitidDb } from '../../core/db/index.ts';
import { type Identity, IdentityStore } from '../../core/identity/index.ts';
import { MessageStore } from '../../core/messages/index.ts';
import { enrollAtActivation } from '../../flows/enrollment/index.ts';
import { nemidReservation } from '../../flows/nemid/index.ts';
import { translator } from '../../i18n/catalogue.ts';
import { MitidAppClient } from '../../kinds/app/index.ts';
import { systemClock } from '../../platform/clock.ts';
import { KeyStore } from '../../platform/keys/KeyStore.ts';
import { cryptoRandom } from '../../platform/random.ts';
import { buildMitidApp } from '../mitid/app.ts';
import { mitidKinds } from '../mitid/kinds.ts';

export interface WithApp {
  cpr: string;
  userId: string;
  mobile: string;
  pin: string;
  stateDir: string;
}

export interface MadeWithApp {
  identity: Identity;
  deviceId: string;
  stateDir: string;
}

/** A fetch that hands each request to the MitID app in this process (Fastify's inject). */
function fetchInProcess(app: FastifyInstance): typeof fetch {
  return (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const res = await app.inject({
      method: (init.method ?? 'GET') as 'GET',
      url: `${url.pathname}${url.search}`,
      headers,
      ...(typeof init.body === 'string' ? { payload: init.body } : {}),
    });
    return new Response(res.statusCode === 204 ? null : new Uint8Array(res.rawPayload), {
      status: res.statusCode,
      headers: Object.entries(res.headers).flatMap(([k, v]) =>
        v === undefined ? [] : (Array.isArray(v) ? v : [String(v)]).map((x): [string, string] => [k, x]),
      ),
    });
  }) as typeof fetch;
}

/** The MitID as a bank enrollment leaves it at the activation step (the app chosen, the mobile confirmed). */
export async function enrolAtActivation(db: Kysely<MitidDb>, config: Config, p: WithApp): Promise<Identity> {
  const { identity } = await enrollAtActivation(db, mitidKinds(), {
    cpr: p.cpr,
    userId: p.userId,
    contacts: [{ channel: 'mobile', value: p.mobile, confirmedAt: Date.now() }],
    bankUrl: config.bankUrl,
    now: () => Date.now(),
  });
  return identity;
}

/**
 * Why `userId` cannot be this person's MitID user-ID (a rule it breaks, another's MitID or NemID
 * user-ID), or undefined: checked before anything is written.
 */
export async function mitidUserIdRefusal(
  db: Kysely<MitidDb>,
  userId: string,
  cpr: string,
): Promise<string | undefined> {
  const checked = await new IdentityStore(db, { nemidReservation: nemidReservation(db) }).isUserIdAvailable(
    userId,
    cpr,
  );
  if (checked.available) return undefined;
  const t = translator('en');
  const why = checked.problems.map((p) => ('params' in p ? t(p.id, p.params) : t(p.id))).join(' ');
  return `The user-ID "${userId}" cannot be a MitID user-ID (${checked.reason}${why ? `: ${why}` : ''}); give another with --user-id.`;
}

/** Thrown with a message for the person at the terminal (the command exits 1). */
export class WithAppError extends Error {}

export async function createWithApp(db: Kysely<MitidDb>, config: Config, p: WithApp): Promise<MadeWithApp> {
  const file = loadFileSecrets(config);
  const store = new KeyStore(db as never, file.keyEncryptionKey, systemClock);
  const keys = await loadMitidSecrets(store, file, systemClock, async () => {
    await opaque.ready;
    return opaque.server.createSetup();
  });
  const identity = await enrolAtActivation(db, config, p);
  const codes = new OneTimeCodes({
    db,
    clock: systemClock,
    random: cryptoRandom,
    key: deriveCodeKey(serverSecretOf(keys.secrets)),
  });
  const issued = await codes.issue(identity.id, activationCodeSms, identity.id);
  if (!issued.ok) throw new WithAppError('No activation code could be issued.');

  const app = await buildMitidApp({
    config,
    secrets: keys.secrets,
    db,
    clock: systemClock,
    random: cryptoRandom,
    logger: pino({ level: 'silent' }),
  });
  try {
    const client = new MitidAppClient({ stateDir: p.stateDir, lang: 'en', fetch: fetchInProcess(app) });
    const must = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
      if (!r.ok) throw new WithAppError(`The app activation was refused: ${r.error.message}`);
      return r.value;
    };
    const activation = must(
      await client.startActivation({
        serverUrl: config.mitidUrl,
        userId: identity.userId,
        deviceName: `MitID CLI on ${hostname()}`.slice(0, 64),
      }),
    );
    must(await activation.submitActivationCode(issued.code));
    const sms = (await new MessageStore(db).listByRecipient(p.mobile)).find((m) => m.channel === 'sms');
    const temporaryPin = /\b(\d{8})\b/.exec(sms?.body ?? '')?.[1];
    if (!temporaryPin) throw new WithAppError('No temporary PIN was sent to the mobile number.');
    must(await activation.submitTemporaryPin(temporaryPin));
    const user = must(await activation.choosePin(p.pin, p.pin));
    const active = await new IdentityStore(db).getById(identity.id);
    if (active?.status !== 'active') throw new WithAppError('The MitID did not become active.');
    return { identity: active, deviceId: user.deviceId, stateDir: client.store.dir };
  } finally {
    await app.close();
  }
}
