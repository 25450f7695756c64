/**
 * The import rules (.dependency-cruiser.cjs, run by scripts/deps.ts as a step of `npm test`) pass
 * on the real tree and fail on forbidden imports. The forbidden imports are written into a
 * temporary copy of the repository, never into src/, and the copy is removed afterwards.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(import.meta.dirname, '../..');

function runRules(cwd: string): { status: number | null; out: string } {
  const res = spawnSync(process.execPath, ['scripts/deps.ts'], { cwd, encoding: 'utf8' });
  return { status: res.status, out: `${res.stdout}\n${res.stderr}` };
}

test('the real tree obeys the import rules; the known violations are counted', () => {
  const { status, out } = runRules(root);
  assert.equal(status, 0, out);
  assert.match(out, /^0 errors, [1-9]\d* known violations in \d+ files \(warn\)/m, out);
});

test('a forbidden import fails the run, naming the rule it breaks; an import through index.ts passes', () => {
  const copy = mkdtempSync(path.join(tmpdir(), 'import-rules-'));
  try {
    for (const f of ['src', 'scripts', '.dependency-cruiser.cjs', 'tsconfig.json', 'package.json']) {
      cpSync(path.join(root, f), path.join(copy, f), { recursive: true });
    }
    symlinkSync(realpathSync(path.join(root, 'node_modules')), path.join(copy, 'node_modules'), 'dir');
    const write = (file: string, text: string): void => {
      mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
      writeFileSync(path.join(copy, file), text);
    };
    // Platform reaching into a feature.
    write('src/platform/probe/usesNemid.ts', "export { nemidPolicy } from '../../nemid/nemidPolicy.ts';\n");
    // A runtime cycle.
    write(
      'src/flows/orders/probeA.ts',
      "import { b } from './probeB.ts';\nexport const a = (): number => b + 1;\n",
    );
    write('src/flows/orders/probeB.ts', "import { a } from './probeA.ts';\nexport const b = 1;\nvoid a;\n");
    // A new deep import into another feature, and the same through that feature's public module.
    write('src/flows/orders/probeDeep.ts', "export * from '../flows/nemid/nemidPolicy.ts';\n");
    write('src/flows/nemid/index.ts', "export * from './nemidPolicy.ts';\n");
    write('src/flows/orders/probePublic.ts', "export * from '../flows/nemid/index.ts';\n");
    // Min Bank reaching into MitID's side.
    write('src/services/bank/probe.ts', "export { PeopleStore } from '../core/people/PeopleStore.ts';\n");
    // Shipped code importing a test helper and a devDependency.
    write('src/core/people/probeTestCode.ts', "export * from './testing/openMitidTestDb.ts';\n");
    write('src/core/people/probeDevDependency.ts', "export * as fc from 'fast-check';\n");
    // A known violation that no longer occurs (orders never imports randomCpr).
    const config = path.join(copy, '.dependency-cruiser.cjs');
    writeFileSync(
      config,
      readFileSync(config, 'utf8').replace(
        "['src/core/people/randomCpr.ts', ['cli']]",
        "['src/core/people/randomCpr.ts', ['cli', 'orders']]",
      ),
    );

    const { status, out } = runRules(copy);

    assert.equal(status, 1, out);
    const expected: [string, string][] = [
      ['foundation-imports-no-feature', 'src/platform/probe/usesNemid.ts → src/flows/nemid/nemidPolicy.ts'],
      ['no-circular', 'src/flows/orders/probeA.ts → src/flows/orders/probeB.ts'],
      ['feature-through-public-module', 'src/flows/orders/probeDeep.ts → src/flows/nemid/nemidPolicy.ts'],
      ['bank-sees-only-the-foundation', 'src/services/bank/probe.ts → src/core/people/PeopleStore.ts'],
      [
        'shipped-code-imports-no-test-code',
        'src/core/people/probeTestCode.ts → src/core/people/testing/openMitidTestDb.ts',
      ],
      [
        'shipped-code-imports-no-dev-dependency',
        'src/core/people/probeDevDependency.ts → node_modules/fast-check',
      ],
    ];
    for (const [rule, edge] of expected) {
      assert.ok(
        out.split('\n').some((l) => l.includes(`error ${rule}: ${edge}`)),
        `${rule}: ${edge}\n${out}`,
      );
    }
    assert.ok(
      out.includes(
        'stale known violation (remove it from .dependency-cruiser.cjs): ^src/flows/orders/ → ^src/core/people/randomCpr[.]ts$',
      ),
      out,
    );
    assert.doesNotMatch(out, /probePublic/, 'an import through index.ts is allowed');
    assert.match(out, /^7 errors, /m, out);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});
