/**
 * The import rules (.dependency-cruiser.cjs, run by scripts/deps.ts as a step of `npm test`) pass
 * on the real tree and fail on forbidden imports: one or more planted for every rule of decision
 * 0010 §1.3. The forbidden imports are written into a temporary copy of the repository, never into
 * src/, and the copy is removed afterwards.
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
  assert.match(out, /^0 errors, \d+ known violations \(warn\)/m, out);
});

test('every rule fails the run on a forbidden import, naming the rule and the import; imports through index.ts pass', () => {
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
    // platform-is-base: platform using a flow, even through its index.ts.
    write('src/platform/probe/usesNemid.ts', "export { registerNemid } from '../../flows/nemid/index.ts';\n");
    // leaves: i18n importing platform; config importing core.
    write('src/i18n/probe.ts', "export { DAY } from '../platform/clock.ts';\n");
    write('src/config/probe.ts', "export { validateCpr } from '../core/people/index.ts';\n");
    // core-stays-core: core using a flow.
    write('src/core/people/probeFlow.ts', "export { DeviceOrders } from '../../flows/orders/index.ts';\n");
    // kinds-alone: a kind using another kind, and a flow.
    write('src/kinds/probe/index.ts', "export { sweepApp } from '../app/index.ts';\n");
    write('src/kinds/app/probeFlow.ts', "export { seedOffices } from '../../flows/orders/index.ts';\n");
    // flows-know-no-kind: a flow using a kind.
    write('src/flows/orders/probeKind.ts', "export { sweepApp } from '../../kinds/app/index.ts';\n");
    // bank-over-http: Min Bank using MitID's core.
    write('src/services/bank/probe.ts', "export { PeopleStore } from '../../core/people/index.ts';\n");
    // public-entry: a deep import into another module, from shipped code and from a test; the
    // same through the module's index.ts (and a test through testing/index.ts) passes.
    write('src/flows/orders/probeDeep.ts', "export * from '../nemid/nemidPolicy.ts';\n");
    write(
      'src/flows/orders/probeDeep.test.ts',
      "export * from '../../core/people/testing/openMitidTestDb.ts';\n",
    );
    write('src/flows/orders/probePublic.ts', "export { redeemNemidCode } from '../nemid/index.ts';\n");
    write('src/flows/orders/probePublic.test.ts', "export * from '../../core/people/testing/index.ts';\n");
    // roots-are-roots: a service (not Min Bank) importing a root.
    write('src/services/probe/usesRoot.ts', "export { sweepMitid } from '../../roots/mitid/sweep.ts';\n");
    // no-circular: a runtime cycle.
    write(
      'src/flows/orders/probeA.ts',
      "import { b } from './probeB.ts';\nexport const a = (): number => b + 1;\n",
    );
    write('src/flows/orders/probeB.ts', "import { a } from './probeA.ts';\nexport const b = 1;\nvoid a;\n");
    // no-test-code, no-dev-dependency, not-to-unresolvable.
    write('src/core/people/probeTestCode.ts', "export * from './testing/openMitidTestDb.ts';\n");
    write('src/core/people/probeDevDependency.ts', "export * as fc from 'fast-check';\n");
    write('src/core/people/probeMissing.ts', "export * from './noSuchFile.ts';\n");
    // A listed (known) violation warns; the same file gets no pass for a new one.
    write(
      'src/kinds/app/probeKnown.ts',
      "export { registerEnrollment } from '../../flows/enrollment/index.ts';\n" +
        "export { DeviceOrders } from '../../flows/orders/index.ts';\n",
    );
    // A known violation that no longer occurs (statusPath.ts imports nothing of core/people).
    const config = path.join(copy, '.dependency-cruiser.cjs');
    writeFileSync(
      config,
      readFileSync(config, 'utf8').replace(
        'const KNOWN_VIOLATIONS = [',
        "const KNOWN_VIOLATIONS = [\n  ['src/flows/orders/statusPath.ts', 'src/core/people/index.ts'],\n" +
          "  ['src/kinds/app/probeKnown.ts', 'src/flows/enrollment/index.ts'],",
      ),
    );

    const { status, out } = runRules(copy);

    assert.equal(status, 1, out);
    const expected: [string, string][] = [
      ['platform-is-base', 'src/platform/probe/usesNemid.ts → src/flows/nemid/index.ts'],
      ['leaves', 'src/i18n/probe.ts → src/platform/clock.ts'],
      ['leaves', 'src/config/probe.ts → src/core/people/index.ts'],
      ['core-stays-core', 'src/core/people/probeFlow.ts → src/flows/orders/index.ts'],
      ['kinds-alone', 'src/kinds/probe/index.ts → src/kinds/app/index.ts'],
      ['kinds-alone', 'src/kinds/app/probeFlow.ts → src/flows/orders/index.ts'],
      ['kinds-alone', 'src/kinds/app/probeKnown.ts → src/flows/orders/index.ts'],
      ['flows-know-no-kind', 'src/flows/orders/probeKind.ts → src/kinds/app/index.ts'],
      ['bank-over-http', 'src/services/bank/probe.ts → src/core/people/index.ts'],
      ['public-entry', 'src/flows/orders/probeDeep.ts → src/flows/nemid/nemidPolicy.ts'],
      ['public-entry', 'src/flows/orders/probeDeep.test.ts → src/core/people/testing/openMitidTestDb.ts'],
      ['roots-are-roots', 'src/services/probe/usesRoot.ts → src/roots/mitid/sweep.ts'],
      ['no-circular', 'src/flows/orders/probeA.ts → src/flows/orders/probeB.ts'],
      ['no-test-code', 'src/core/people/probeTestCode.ts → src/core/people/testing/openMitidTestDb.ts'],
      ['no-dev-dependency', 'src/core/people/probeDevDependency.ts → node_modules/fast-check'],
      ['not-to-unresolvable', 'src/core/people/probeMissing.ts → ./noSuchFile.ts'],
    ];
    for (const [rule, edge] of expected) {
      assert.ok(
        out.split('\n').some((l) => l.includes(`error ${rule}: ${edge}`)),
        `${rule}: ${edge}\n${out}`,
      );
    }
    assert.ok(
      out.includes(
        'stale known violation (remove it from .dependency-cruiser.cjs): ^src/flows/orders/statusPath[.]ts$ → ^src/core/people/index[.]ts$',
      ),
      out,
    );
    assert.doesNotMatch(out, /probePublic/, 'imports through index.ts and testing/index.ts are allowed');
    // The file's known violation is still a warning, not an error.
    assert.match(out, /^ {2}src\/kinds\/app\/probeKnown\.ts → src\/flows\/enrollment\/index\.ts$/m, out);
    assert.doesNotMatch(out, /error [a-z-]+: src\/kinds\/app\/probeKnown\.ts → src\/flows\/enrollment/, out);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});
