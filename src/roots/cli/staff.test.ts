/**
 * The staff CLI as an operator runs it, a child process on a fresh data folder: create with a
 * generated password (printed once, only its hash stored), list (no password or hash), a taken
 * login and bad input (one line, exit 2, nothing written), disable.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { MitidDb } from '../../core/db/index.ts';
import { StaffRegistry } from '../../core/staff/index.ts';
import { catalogue } from '../../i18n/catalogue.ts';
import { systemClock } from '../../platform/clock.ts';
import { openDatabase } from '../../platform/db/database.ts';
import { cryptoRandom } from '../../platform/random.ts';

const cli = path.join(path.dirname(fileURLToPath(import.meta.url)), 'staff.ts');
const dir = mkdtempSync(path.join(tmpdir(), 'staff-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) => {
  const res = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', cli, ...args], {
    env: {
      ...process.env,
      DATA_DIR: dir,
      DATABASE_URL: 'sqlite',
      LANG: 'en_GB.UTF-8',
      LC_ALL: '',
      LOG_LEVEL: 'silent',
    },
    encoding: 'utf8',
  });
  return { code: res.status, out: res.stdout, err: res.stderr };
};
const en = (reason: string): string =>
  (catalogue as Record<string, { en: string }>)[`staff.refusal.${reason}`]?.en ?? '';

test('npm run staff: create, list, refusals, disable', async () => {
  const bad = run('create', '--name', 'Birgit', '--role', 'clerk', '--login', 'birgit');
  assert.equal(bad.code, 2);
  assert.equal(bad.err.trim(), en('officeRequired'));
  assert.equal(run('create', '--name', 'Birgit', '--role', 'clerk').code, 2);

  const made = run(
    'create',
    '--name',
    'Birgit Skranke',
    '--office',
    'bs-101',
    '--role',
    'clerk',
    '--login',
    'Birgit',
  );
  assert.equal(made.code, 0, made.err);
  const password = /^ {2}password +(\S+)$/m.exec(made.out)?.[1];
  assert.ok(password, made.out);

  const taken = run(
    'create',
    '--name',
    'B',
    '--office',
    'bs-101',
    '--role',
    'clerk',
    '--login',
    'BIRGIT',
    '--password',
    'another-long-password',
  );
  assert.equal(taken.code, 2);
  assert.equal(taken.err.trim(), en('loginTaken'));
  assert.equal(
    run(
      'create',
      '--name',
      'X',
      '--office',
      'bs-999',
      '--role',
      'clerk',
      '--login',
      'x-ray',
      '--password',
      'another-long-password',
    ).err.trim(),
    en('officeUnknown'),
  );

  const listed = run('list');
  assert.equal(listed.code, 0);
  assert.match(listed.out, /^birgit {2}clerk {2}bs-101 {2}"Birgit Skranke"$/m);
  assert.equal(listed.out.trim().split('\n').length, 1);
  assert.ok(!listed.out.includes(password) && !listed.out.includes('argon2'));

  const database = await openDatabase<MitidDb>({ url: 'sqlite', dataDir: dir, name: 'mitid' });
  try {
    const staff = new StaffRegistry({ db: database.db, clock: systemClock, random: cryptoRandom });
    assert.ok((await staff.login('birgit', password, '127.0.0.1')).ok);
    assert.equal(run('disable', 'birgit').code, 0);
    assert.equal(run('disable', 'birgit').code, 2);
    assert.deepEqual(await staff.login('birgit', password, '127.0.0.1'), { ok: false, reason: 'wrong' });
  } finally {
    await database.close();
  }
});
