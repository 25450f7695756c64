/**
 * Testing without a phone (issue 9 item 5), with the real CLIs against the running system
 * (`npm start`): `npm run people -- create --with-app` makes a person with an active MitID and an
 * activated app in one command; `npm run app -- approve --code …` (or `--qr`) proves the login
 * box's channel, shows the login and approves it with the PIN; a wrong code exits 2 and changes
 * nothing; `reject --qr` rejects. The browser-bound logins are made as the login box makes them
 * (Authentications.create with a channel secret, on the system's database).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  Authentications,
  type ChannelCandidate,
  qrPayload,
  typedCode,
} from '../../src/core/authentications/index.ts';
import { createHooks } from '../../src/core/events/index.ts';
import { openSystemData, type SystemData } from '../support/data.ts';
import { type RunningSystem, startSystem } from '../support/system.ts';
import { type CliRun, runAppCli } from './runAppCli.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PIN = '258046';

let system: RunningSystem;
let data: SystemData;
let authentications: Authentications;
const stateRoot = mkdtempSync(path.join(tmpdir(), 'app-cli-box-'));
const stateDir = path.join(stateRoot, 'phone');
let made: { userId: string; uuid: string };
let logins = 0;

before(async () => {
  system = await startSystem();
  data = await openSystemData(system);
  authentications = new Authentications({ db: data.mitid.db, now: () => Date.now(), hooks: createHooks() });
});

after(async () => {
  await data?.close();
  const code = await system?.stop();
  rmSync(stateRoot, { recursive: true, force: true });
  assert.equal(code, 0, `npm start did not stop cleanly:\n${system?.output()}`);
});

function people(args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['src/roots/cli/people.ts', ...args], {
      cwd: root,
      env: { ...process.env, ...system.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += String(d);
    });
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** FORTSÆT in the box: a login of the person that waits for the app's proof of the screen. */
async function boxLogin(identityId: string, text = 'Log på hos Min Bank'): Promise<ChannelCandidate> {
  const id = `box-login-${++logins}-${randomBytes(4).toString('hex')}`;
  const secret = randomBytes(32).toString('base64url');
  await authentications.create({
    id,
    clientId: 'minbank',
    serviceName: 'Min Bank',
    action: 'login',
    text,
    requestedLevel: 'high',
    requiresUv: true,
    kinds: ['app'],
    challenge: randomBytes(32).toString('base64url'),
    who: { identityId },
    channel: { browserHash: `hash-${id}`, interactionId: `uid-${id}`, secret },
  });
  return { id, secret };
}

const statusOf = async (id: string): Promise<string | undefined> => (await authentications.get(id))?.status;

describe('a test person with the app, and logins approved with the box code', () => {
  test('people create --with-app: an active MitID, an activated app, its state folder and PIN printed', async () => {
    const r = await people([
      'create',
      '--name',
      'Mette Madsen',
      '--with-app',
      '--pin',
      PIN,
      '--state',
      stateDir,
    ]);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const userId = /MitID user-ID (\S+) \(active\)/.exec(r.stdout)?.[1];
    const uuid = /MitID uuid {4}(\S+)/.exec(r.stdout)?.[1];
    assert.ok(userId && uuid, r.stdout);
    made = { userId, uuid };
    assert.match(r.stdout, new RegExp(`App PIN {7}${PIN}`));
    assert.match(r.stdout, new RegExp(`App state {5}${stateDir.replaceAll('/', '\\/')}`));
    const identity = await data.mitid.db
      .selectFrom('identities')
      .select(['status', 'user_id'])
      .where('id', '=', uuid)
      .executeTakeFirstOrThrow();
    assert.deepEqual({ ...identity }, { status: 'active', user_id: userId });
    const apps = await data.mitid.db
      .selectFrom('authenticators')
      .select(['kind', 'status'])
      .where('identity_id', '=', uuid)
      .execute();
    assert.deepEqual(
      apps.map((a) => ({ ...a })),
      [{ kind: 'app', status: 'active' }],
    );
    const state = JSON.parse(readFileSync(path.join(stateDir, 'app.json'), 'utf8'));
    assert.equal(state.users[0].serverUrl, system.mitidUrl);
    assert.ok(!readFileSync(path.join(stateDir, 'app.json'), 'utf8').includes(PIN), 'no PIN on disk');

    const bad = await people(['create', '--name', 'Mette Madsen', '--pin', PIN]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--pin belongs to --with-app/);
    const badPin = await people(['create', '--name', 'Mette Madsen', '--with-app', '--pin', '12345']);
    assert.equal(badPin.code, 2);
    assert.match(badPin.stderr, /--pin must be 6 digits/);
    // A NemID user-ID that cannot be a MitID user-ID (CPR-shaped): refused before anything is written.
    const cprShaped = await people([
      'create',
      '--name',
      'Anna Berg',
      '--cpr',
      '0101901234',
      '--user-id',
      '0101901234',
      '--with-app',
      '--state',
      path.join(stateRoot, 'unused'),
    ]);
    assert.equal(cprShaped.code, 2, cprShaped.stdout);
    assert.match(cprShaped.stderr, /cannot be a MitID user-ID/);
    const written = await data.mitid.db
      .selectFrom('people')
      .select('cpr')
      .where('cpr', '=', '0101901234')
      .execute();
    assert.deepEqual(written, [], 'nothing written');
  });

  test('approve --code: nothing in the app before; the login shown and approved with the PIN', async () => {
    const box = await boxLogin(made.uuid);
    const before = await runAppCli(['pending', '--user', made.userId, '--state', stateDir]);
    assert.equal(before.code, 0, before.stderr);
    assert.match(before.stdout, /Nothing waits/);
    const code = typedCode(box);
    const r = await runAppCli([
      'approve',
      '--code',
      `${code.slice(0, 3)} ${code.slice(3)}`,
      '--pin',
      PIN,
      '--state',
      stateDir,
    ]);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.match(
      r.stdout,
      /^Min Bank asks you to login:\n {2}Log på hos Min Bank\n {2}Level high, PIN required/,
    );
    assert.match(r.stdout, new RegExp(`Transaction ${box.id} approved\\.\\n$`));
    assert.ok(!r.stdout.includes(PIN) && !r.stderr.includes(PIN), 'the PIN is never printed');
    assert.equal(await statusOf(box.id), 'approved');
  });

  test('a wrong code: one clear line on stderr, exit code 2, the login still hidden', async () => {
    const box = await boxLogin(made.uuid);
    const wrong = typedCode(box) === '000000' ? '111111' : '000000';
    const r = await runAppCli([
      'approve',
      '--code',
      wrong,
      '--pin',
      PIN,
      '--user',
      made.userId,
      '--state',
      stateDir,
    ]);
    assert.equal(r.code, 2, r.stderr + r.stdout);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /does not match a login waiting for you.*Check the code the login box shows\.\n$/);
    assert.equal(r.stderr.split('\n').length, 2, 'one line');
    assert.equal(await statusOf(box.id), 'awaiting_channel');
    const malformed = await runAppCli(['approve', '--code', '12345', '--state', stateDir]);
    assert.equal(malformed.code, 2);
    assert.match(malformed.stderr, /6 digits the login box shows/);
  });

  test('reject --qr: the QR text of this second opens the login, which is rejected without the PIN', async () => {
    const box = await boxLogin(made.uuid, 'Log på hos Borger');
    const r = await runAppCli(['reject', '--qr', qrPayload(box, Date.now()), '--state', stateDir]);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /Log på hos Borger/);
    assert.match(r.stdout, new RegExp(`Transaction ${box.id} rejected\\.\\n$`));
    assert.equal(await statusOf(box.id), 'rejected');
  });
});
