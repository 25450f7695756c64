/**
 * `npm start`: prepares the data (secrets, migrations, demo people on first start), runs the MitID
 * service, Min Bank and Borger as three processes on three local origins, and prints the URLs and,
 * with the development pages on, the demo credentials (src/roots/seed/startBanner.ts). Ctrl-C stops
 * them all cleanly.
 */
import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfigOrExit } from './config/config.ts';
import { loadFileSecrets } from './config/secrets.ts';
import { prepareData } from './roots/seed/prepareData.ts';
import { startBanner } from './roots/seed/startBanner.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

const config = loadConfigOrExit();
// Made here, before the processes start, so they never race to create the secrets file.
try {
  loadFileSecrets(config);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
const demo = await prepareData(config);

const children: ChildProcess[] = [];
let stopping = false;

function stopAll(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  let left = children.filter((c) => c.exitCode === null).length;
  if (left === 0) process.exit(code);
  for (const child of children) {
    child.once('exit', () => {
      left -= 1;
      if (left === 0) process.exit(code);
    });
  }
  setTimeout(() => process.exit(code), 12_000).unref();
}

/** Each process's composition root. */
const mainOf = {
  mitid: 'roots/mitid/main.ts',
  bank: 'services/bank/main.ts',
  borger: 'services/borger/main.ts',
} as const;

function start(name: keyof typeof mainOf): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(here, mainOf[name]), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: ['--disable-warning=ExperimentalWarning'],
    });
    children.push(child);
    child.on('message', (msg: { type?: string }) => {
      if (msg?.type === 'ready') resolve();
    });
    child.on('exit', (code, signal) => {
      if (!stopping) {
        console.error(`The ${name} process stopped unexpectedly (${signal ?? `exit code ${code}`}).`);
        reject(new Error(`${name} stopped`));
        stopAll(1);
      }
    });
  });
}

process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

try {
  await Promise.all([start('mitid'), start('bank'), start('borger')]);
} catch {
  // stopAll has been called by the child's exit handler.
}
if (!stopping) console.log(startBanner(config, demo));
