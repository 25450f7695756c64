/**
 * The process dies half-way through creating a NemID identity (SIGKILL inside the transaction):
 * nothing of it is in the database afterwards, and creating it again works.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import { cryptoRandom } from '../../platform/random.ts';
import { createNemidIdentity } from './createNemidIdentity.ts';
import { countNemidRows, withAnnaDb } from './testing/storeFixtures.ts';

const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testing', 'createIdentityChild.ts');

function runAndKill(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', child, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`child did not pause within 20 s: ${out}`));
    }, 20_000);
    proc.stdout.on('data', (d) => {
      out += String(d);
      if (out.includes('paused after')) proc.kill('SIGKILL');
    });
    proc.stderr.on('data', (d) => {
      out += String(d);
    });
    proc.on('exit', (_code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL' && out.includes('paused after')) resolve(out);
      else reject(new Error(`child ended without pausing (${signal}): ${out}`));
    });
  });
}

for (const dialect of await dialectsUnderTest()) {
  for (const step of ['credentials', 'card', 'codes']) {
    test(`${dialect}: killed after "${step}" inside the transaction → nothing written`, () =>
      withAnnaDb(dialect, async (database, clock) => {
        const dataDir = dialect === 'sqlite' ? database.where : '';
        await runAndKill([database.url, dataDir, database.name, step]);
        assert.deepEqual(await countNemidRows(database), [0, 0, 0]);
        await createNemidIdentity(database.db, cryptoRandom, clock, {
          cpr: '0101901234',
          userId: 'Anna90',
          password: 'Hemmelig-2026',
        });
        assert.deepEqual(await countNemidRows(database), [1, 1, 48]);
      }));
  }
}
