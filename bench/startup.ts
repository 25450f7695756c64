/**
 * How long `npm start` takes until both services answer /readyz: on a fresh data folder (create,
 * migrate, seed with Argon2id hashing) and on a second start over the same data. Prints the figures.
 * Run: npm run bench:startup
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../test/support/system.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function ready(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(500) })).ok;
  } catch {
    return false;
  }
}

async function timeStart(dataDir: string): Promise<number> {
  const mitidPort = await freePort();
  const bankPort = await freePort();
  const borgerPort = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', 'src/start.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      MITID_PORT: String(mitidPort),
      BANK_PORT: String(bankPort),
      BORGER_PORT: String(borgerPort),
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  const mitid = `http://localhost:${mitidPort}`;
  const bank = `http://127.0.0.1:${bankPort}`;
  const deadline = started + 60_000;
  while (!((await ready(mitid)) && (await ready(bank)))) {
    if (performance.now() > deadline) throw new Error('not ready within 60 s');
    await new Promise((r) => setTimeout(r, 20));
  }
  const ms = performance.now() - started;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGINT');
  await exited;
  return ms;
}

const runs = Number(process.env.RUNS ?? 3);
const first: number[] = [];
const again: number[] = [];
for (let i = 0; i < runs; i++) {
  const dir = mkdtempSync(path.join(tmpdir(), 'mitid-bench-'));
  first.push(await timeStart(dir));
  again.push(await timeStart(dir));
  rmSync(dir, { recursive: true, force: true });
}
const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
console.log(`npm start until both services are ready (median of ${runs}):`);
console.log(`  first start (create, migrate, seed): ${(median(first) / 1000).toFixed(2)} s`);
console.log(`  later start:                         ${(median(again) / 1000).toFixed(2)} s`);
