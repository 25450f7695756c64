/**
 * Starts the whole system the way a new user does (`node src/start.ts`, i.e. `npm start`), on free
 * ports and a fresh data folder, and stops it with SIGINT as Ctrl-C would.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningSystem {
  mitidUrl: string;
  bankUrl: string;
  borgerUrl: string;
  dataDir: string;
  env: Record<string, string>;
  /** Everything the processes printed. */
  output(): string;
  stop(): Promise<number | null>;
}

export async function startSystem(extraEnv: Record<string, string> = {}): Promise<RunningSystem> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mitid-system-'));
  const mitidPort = await freePort();
  const bankPort = await freePort();
  const borgerPort = await freePort();
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    MITID_PORT: String(mitidPort),
    BANK_PORT: String(bankPort),
    BORGER_PORT: String(borgerPort),
    LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  let out = '';
  const child: ChildProcess = spawn(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', 'src/start.ts'],
    {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (d) => {
    out += String(d);
  });
  child.stderr?.on('data', (d) => {
    out += String(d);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`system did not start within 30 s:\n${out}`)), 30_000);
    const check = setInterval(() => {
      if (out.includes('Press Ctrl-C to stop.')) {
        clearInterval(check);
        clearTimeout(timer);
        resolve();
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(check);
      clearTimeout(timer);
      reject(new Error(`system exited with ${code} while starting:\n${out}`));
    });
  });
  return {
    mitidUrl: `http://localhost:${mitidPort}`,
    bankUrl: `http://127.0.0.1:${bankPort}`,
    borgerUrl: `http://127.0.0.1:${borgerPort}`,
    dataDir,
    env,
    output: () => out,
    stop: async () => {
      child.kill('SIGINT');
      const code = await exited;
      if (!process.env.KEEP_TEST_DATA) rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}
