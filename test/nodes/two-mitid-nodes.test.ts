/**
 * Two MitID nodes started at the same moment on one fresh PostgreSQL database, each with an
 * empty data folder and the same KEY_ENCRYPTION_KEY, BANK_CLIENT_SECRET and BORGER_CLIENT_SECRET, work as one behind
 * a load balancer: the keys are made once in the database; an enrollment flow handed over on
 * node A continues on node B with A's cookie (and B's CSRF cookie is good on A); an app
 * activated through A approves, through B, a transaction created at B. A third node given
 * another key-encryption key refuses to start. Required in CI.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { activationCodeSms } from '../../src/core/codes/codePolicies.ts';
import { deriveCodeKey, OneTimeCodes } from '../../src/core/codes/oneTimeCode.ts';
import type { MitidDb } from '../../src/core/db/index.ts';
import { MessageStore } from '../../src/core/messages/MessageStore.ts';
import { enrollAtActivation } from '../../src/flows/enrollment/testing/enrollAtActivation.ts';
import { createPersonWithNemid } from '../../src/flows/nemid/createPersonWithNemid.ts';
import { MitidAppClient } from '../../src/kinds/app/client/MitidAppClient.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { type Database, openDatabase } from '../../src/platform/db/database.ts';
import { postgresAvailable, testPostgresUrl } from '../../src/platform/db/testDb.ts';
import { KeyStore } from '../../src/platform/keys/KeyStore.ts';
import { cryptoRandom } from '../../src/platform/random.ts';
import { postgresAdmin } from '../support/postgresAdmin.ts';
import { type MitidNode, ready, startMitidNode } from './mitidNode.ts';

const available = await postgresAvailable();
const database = `mitid_nodes_${randomBytes(4).toString('hex')}`;
const url = new URL(testPostgresUrl);
url.pathname = `/${database}`;
const publicUrl = 'http://mitid.localhost:3999';
const kek = randomBytes(32).toString('base64url');
const clientSecret = randomBytes(32).toString('base64url');
const borgerSecret = randomBytes(32).toString('base64url');
const basic = `Basic ${Buffer.from(`minbank:${clientSecret}`).toString('base64')}`;
const dirs = [0, 1, 2].map(() => mkdtempSync(path.join(tmpdir(), 'mitid-node-')));
const stateDir = mkdtempSync(path.join(tmpdir(), 'mitid-node-app-'));

const nodeEnv = (dataDir: string, key = kek): Record<string, string> => ({
  DATA_DIR: dataDir,
  DATABASE_URL: url.toString(),
  KEY_ENCRYPTION_KEY: key,
  BANK_CLIENT_SECRET: clientSecret,
  BORGER_CLIENT_SECRET: borgerSecret,
  BANK_SUPPORT_PASSWORD: 'support-password-for-the-nodes-test',
  DEV_PAGES: 'false',
});

/** A person as a net bank's enrollment leaves them at the app's activation (as appHarness does). */
async function personAtActivation(db: Database<MitidDb>['db'], cpr: string, userId: string, mobile: string) {
  const now = Date.now();
  await createPersonWithNemid(
    db,
    cryptoRandom,
    systemClock,
    {
      cpr,
      givenName: 'Jonas',
      familyName: 'Jensen',
      street: 'Vestergade 12',
      postalCode: '1456',
      city: 'København K',
      municipalityCode: '101',
    },
    { userId: `nemid-person-${cpr.slice(0, 4)}`, password: 'Hemmelig-2026' },
  );
  const { identity } = await enrollAtActivation(db, {
    cpr,
    userId,
    contacts: [{ channel: 'mobile', value: mobile, confirmedAt: now }],
    bankUrl: 'http://127.0.0.1:3001',
    now: () => now,
  });
  return identity;
}

function hiddenFields(page: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[m[1] as string] = (m[2] as string).replaceAll('&amp;', '&');
  }
  return fields;
}

function cookiesOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

describe('two MitID nodes on one PostgreSQL', {
  skip: available ? false : 'PostgreSQL does not answer',
}, () => {
  let a: MitidNode;
  let b: MitidNode;
  let data: Database<MitidDb>;

  before(async () => {
    await postgresAdmin(`CREATE DATABASE "${database}"`);
    // Both at the same moment, on an empty database: migrations and keys race.
    [a, b] = await Promise.all([
      startMitidNode('A', publicUrl, nodeEnv(dirs[0] as string)),
      startMitidNode('B', publicUrl, nodeEnv(dirs[1] as string)),
    ]);
    await Promise.all([ready(a), ready(b)]);
    data = await openDatabase<MitidDb>({ url: url.toString(), dataDir: '', name: 'mitid', poolSize: 2 });
  });

  after(async () => {
    await data?.close();
    const codes = await Promise.all([a?.stop(), b?.stop()]);
    await postgresAdmin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    for (const dir of [...dirs, stateDir]) rmSync(dir, { recursive: true, force: true });
    assert.deepEqual(codes, [0, 0], `the nodes did not stop cleanly:\n${a?.output()}\n${b?.output()}`);
  });

  test('the keys are made once, in the database, encrypted; the data folders stay empty', async () => {
    const rows = await data.db.selectFrom('keys').select(['purpose', 'version', 'material']).execute();
    assert.deepEqual(rows.map((r) => `${r.purpose} v${r.version}`).sort(), [
      'cookie v1',
      'oidc-signing v1',
      'opaque-server-setup v1',
      'server-secret v1',
    ]);
    assert.ok(rows.every((r) => r.material.startsWith('k1.')));
    assert.deepEqual(readdirSync(dirs[0] as string), [], 'no secrets.json: the environment gave them');
    assert.deepEqual(readdirSync(dirs[1] as string), []);
  });

  test('a flow handed over on node A continues on node B with the cookie A set', async () => {
    const cpr = '1505831017';
    await createPersonWithNemid(
      data.db,
      cryptoRandom,
      systemClock,
      {
        cpr,
        givenName: 'Karen',
        familyName: 'Hansen',
        street: 'Nørregade 1',
        postalCode: '1165',
        city: 'København K',
        municipalityCode: '101',
      },
      { userId: 'karen-nemid', password: 'Hemmelig-2026' },
    );
    const started = await a.fetch(`${publicUrl}/api/ra/v1/enrollments`, {
      method: 'POST',
      headers: { authorization: basic, 'content-type': 'application/json' },
      body: JSON.stringify({
        cpr,
        name: 'Karen Hansen',
        identifiedBy: 'nemid',
        identifiedAt: Date.now(),
        returnUrl: 'http://127.0.0.1:3001/mitid/retur',
      }),
    });
    assert.equal(started.status, 201, await started.clone().text());
    const { continueUrl } = (await started.json()) as { continueUrl: string };
    const handover = await a.fetch(continueUrl);
    assert.equal(handover.status, 303);
    const bound = cookiesOf(handover);
    assert.match(bound, /^mitid_enroll=/);
    const terms = new URL(handover.headers.get('location') ?? '', publicUrl).toString();
    assert.match(terms, /\/tilmelding\/[^/]+\/vilkaar$/);

    const stranger = await b.fetch(terms);
    assert.equal(stranger.status, 404, 'without the cookie the flow is not found on B');
    const page = await b.fetch(terms, { headers: { cookie: bound } });
    assert.equal(page.status, 200, 'B verifies the cookie A signed');
    const html = await page.text();
    assert.match(html, /vilkår/i);

    // B's page set the CSRF cookie; the form is posted to A, which verifies B's signature.
    const form = new URLSearchParams({ ...hiddenFields(html), accept: 'ja' });
    const posted = await a.fetch(terms, {
      method: 'POST',
      headers: {
        cookie: `${bound}; ${cookiesOf(page)}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: form.toString(),
    });
    assert.equal(posted.status, 303, await posted.clone().text());
    assert.match(posted.headers.get('location') ?? '', /\/tilmelding\/[^/]+\/valg$/);
  });

  test('an app activated through node A approves, through node B, a transaction created at node B', async () => {
    const userId = 'J()nas Jen5en';
    const mobile = '+4520304050';
    const identity = await personAtActivation(data.db, '0202612046', userId, mobile);
    // The net bank's activation code, hashed under the server secret the nodes share: the test
    // reads it from the key store with the same KEK, as a third node would.
    const [secret] = await new KeyStore(data.db, Buffer.from(kek, 'base64url'), systemClock).versions(
      'server-secret',
    );
    assert.ok(secret);
    const codes = new OneTimeCodes({
      db: data.db,
      clock: systemClock,
      random: cryptoRandom,
      key: deriveCodeKey(secret.secret),
    });
    const issued = await codes.issue(identity.id, activationCodeSms, identity.id);
    assert.ok(issued.ok);

    const phoneOnA = new MitidAppClient({ stateDir, fetch: a.fetch });
    const started = await phoneOnA.startActivation({ serverUrl: publicUrl, userId, deviceName: 'Telefon' });
    assert.ok(started.ok, started.ok ? '' : started.error.message);
    const sent = await started.value.submitActivationCode(issued.code);
    assert.ok(sent.ok, sent.ok ? '' : sent.error.message);
    const [sms] = await new MessageStore(data.db).listByRecipient(mobile);
    const temporaryPin = /\b(\d{8})\b/.exec(sms?.body ?? '')?.[1];
    assert.ok(temporaryPin, sms?.body);
    const pinStep = await started.value.submitTemporaryPin(temporaryPin);
    assert.ok(pinStep.ok, pinStep.ok ? '' : pinStep.error.message);
    const done = await started.value.choosePin('246813', '246813');
    assert.ok(done.ok, done.ok ? '' : done.error.message);

    const created = await b.fetch(`${publicUrl}/api/transactions`, {
      method: 'POST',
      headers: { authorization: basic, 'content-type': 'application/json' },
      body: JSON.stringify({
        userId,
        serviceName: 'Min Bank',
        action: 'approve',
        text: 'Overfør 1.250,00 kr.',
        level: 'high',
      }),
    });
    assert.equal(created.status, 201, await created.clone().text());
    const { transactionId } = (await created.json()) as { transactionId: string };

    // The PIN check (OPAQUE under the shared setup, its login state sealed under the shared
    // server secret) and the decision, all through node B.
    const phoneOnB = new MitidAppClient({ stateDir, fetch: b.fetch });
    const approved = await phoneOnB.approve(userId, transactionId, { pin: '246813' });
    assert.ok(approved.ok, approved.ok ? '' : approved.error.message);
    const status = await a.fetch(`${publicUrl}/api/transactions/${transactionId}`, {
      headers: { authorization: basic },
    });
    assert.equal(((await status.json()) as { status: string }).status, 'approved');
  });

  test('a third node given another key-encryption key refuses to start, saying why', async () => {
    const c = await startMitidNode(
      'C',
      publicUrl,
      nodeEnv(dirs[2] as string, randomBytes(32).toString('base64url')),
    );
    assert.equal(await c.exited, 1);
    assert.match(c.output(), /KEY_ENCRYPTION_KEY\) does not open the stored key "cookie" version 1/);
    assert.match(c.output(), /must be given the same KEY_ENCRYPTION_KEY/);
    assert.ok(!/\n\s+at /.test(c.output()), `no stack trace:\n${c.output()}`);
    const rows = await data.db.selectFrom('keys').select('purpose').execute();
    assert.equal(rows.length, 4, 'it wrote no key (the four are A and B’s)');
  });
});
