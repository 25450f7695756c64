/**
 * `npm run bench -- <name> [flags]` runs bench/<name>.ts with the flags, on the project's Node.
 * Names: the .ts files in this folder (startup, approvals, …).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const names = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .map((f) => f.slice(0, -3))
  .sort();
const [name, ...flags] = process.argv.slice(2);
if (!name || !/^[a-z][a-z0-9-]*$/.test(name) || !existsSync(path.join(here, `${name}.ts`))) {
  console.error(`usage: npm run bench -- <name> [flags]; names: ${names.join(', ')}`);
  process.exit(2);
}
const child = spawn(
  process.execPath,
  ['--disable-warning=ExperimentalWarning', path.join(here, `${name}.ts`), ...flags],
  { stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
