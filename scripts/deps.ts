/**
 * `npm run deps` (a step of `npm test`): the import rules of .dependency-cruiser.cjs over src/,
 * by dependency-cruiser. Prints every error in full and every known violation (importing file →
 * imported file); exits with 1 on any error-level violation or stale known violation. Why the
 * rules: docs/decisions/0011-import-rules.md.
 *
 * Run from the repository's root (or a copy of it: the test runs it on one with a forbidden import).
 */
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const options = await extractDepcruiseOptions('./.dependency-cruiser.cjs');
const { output } = await cruise(['src'], options, {}, { tsConfig: extractTSConfig('tsconfig.json') });
const result = output as ICruiseResult;
const { violations, error, warn, totalCruised, totalDependenciesCruised } = result.summary;

const rules = options.ruleSet?.forbidden ?? [];
const known = violations
  .filter((v) => v.rule.name === 'known-violations')
  .map((v) => `${v.from} → ${v.to}`)
  .sort();
if (known.length > 0) {
  console.log('Known violations (warn; where each goes: .dependency-cruiser.cjs, docs/decisions/0011):');
  for (const k of known) console.log(`  ${k}`);
}
for (const v of violations) {
  if (v.rule.severity !== 'error') continue;
  const path = v.cycle ? v.cycle.map((c) => c.name).join(' → ') : v.to;
  const rule = rules.find((r) => r.name === v.rule.name);
  console.error(`✖ error ${v.rule.name}: ${v.from} → ${path}${rule?.comment ? `\n    ${rule.comment}` : ''}`);
}
console.log(
  `${error} errors, ${warn} known violations (warn); ` +
    `${totalCruised} modules, ${totalDependenciesCruised} imports cruised.`,
);

// A known violation that no longer occurs is struck from the list, so the count only goes down.
const stale: string[] = [];
for (const rule of rules) {
  if (rule.name !== 'known-violations' || !('to' in rule) || !rule.from) continue;
  const from = String(rule.from.path);
  for (const to of [rule.to.path ?? []].flat()) {
    const hit = violations.some(
      (v) => v.rule.name === 'known-violations' && new RegExp(from).test(v.from) && new RegExp(to).test(v.to),
    );
    if (!hit) stale.push(`${from} → ${to}`);
  }
}
for (const s of stale)
  console.error(`✖ stale known violation (remove it from .dependency-cruiser.cjs): ${s}`);
process.exitCode = error > 0 || stale.length > 0 ? 1 : 0;
