/**
 * `npm test`: every check, in order, failing on the first failure:
 * type-check, lint/format, import rules (dependency-cruiser), unit + in-process HTTP + contract tests, browser tests.
 * In CI (CI=true) the PostgreSQL tests are required, not skipped.
 */
import { spawnSync } from 'node:child_process';

const node = process.execPath;
const bin = (name: string): string => `node_modules/.bin/${name}`;

const steps: [string, string, string[]][] = [
  ['type-check', bin('tsc'), ['-p', 'tsconfig.json']],
  ['lint', bin('biome'), ['check', '.']],
  ['deps: import rules', node, ['scripts/deps.ts']],
  ['chromium', node, ['scripts/ensure-chromium.ts']],
  [
    'unit, HTTP and contract tests',
    node,
    ['--disable-warning=ExperimentalWarning', '--test', '--test-concurrency=2', 'src/**/*.test.ts'],
  ],
  [
    'browser tests',
    node,
    ['--disable-warning=ExperimentalWarning', '--test', '--test-concurrency=1', 'test/**/*.test.ts'],
  ],
];

const only = process.argv[2];
for (const [name, cmd, args] of steps) {
  if (only && !name.startsWith(only)) continue;
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const res = spawnSync(cmd, args, { stdio: 'inherit' });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (res.status !== 0) {
    console.error(`\n✖ ${name} failed (${secs} s)`);
    process.exit(res.status ?? 1);
  }
  console.log(`✔ ${name} (${secs} s)`);
}
