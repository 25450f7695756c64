/**
 * The import rules of src/, checked by dependency-cruiser in `npm test` (`npm run deps`). They are
 * decision 0010's §1.3; why each rule, and where each known violation goes:
 * docs/decisions/0011-import-rules.md.
 *
 * The tree: roots (composition: nothing imports them) → kinds, flows, services → core → platform;
 * config and i18n are leaves. A module is `src/(core|kinds|flows|services|roots)/<name>/`; a
 * module under core, kinds or flows is used by another only through its `index.ts` (a test: or its
 * `testing/index.ts`). Min Bank talks to MitID over HTTP only. No cycles; no test code shipped.
 */

/**
 * Code only tests use: test files, `testing/` folders, the top-level test/ tree, and the helpers
 * named as such (testDb.ts, testSupport.ts, *TestKit.ts, *Arbitraries.ts for fast-check,
 * fake*.ts). A new test helper outside a `testing/` folder must be named like one of these.
 */
const TEST_CODE = [
  '^test/',
  '/testing/',
  '[.]test[.]ts$',
  '/testing[.]ts$',
  '/test[A-Z][A-Za-z]*[.]ts$',
  'TestKit[.]ts$',
  'Arbitraries[.]ts$',
  '/fake[A-Z][A-Za-z]*[.]ts$',
];

/** Browser assets (the PWA, enrollment's scripts) import by URL (`/app/vendor/…`), not by path. */
const BROWSER_ASSETS = ['^src/kinds/app/pwa/(static|worker)/', '^src/flows/enrollment/static/'];

/** A module's public entry, and its tests' entry (the latter only tests may use: no-test-code). */
const PUBLIC_ENTRY = [
  '^src/(core|kinds|flows)/[^/]+/index[.]ts$',
  '^src/(core|kinds|flows)/[^/]+/testing/index[.]ts$',
];

/**
 * KNOWN VIOLATIONS: imports that break a rule today and that a work package of issue 8 removes.
 * Each is one importing file and the file it imports, exempt from every error rule and reported
 * as a `known-violations` warning instead; any other import that breaks a rule is an error. An
 * entry that no longer occurs fails the run (scripts/deps.ts: "stale known violation"), so the
 * list only shrinks. Never add one: fix the import. The comment says where each goes.
 */
/** @type {[string, string][]} None left: issue 8 removed the last (decision 0011). */
const KNOWN_VIOLATIONS = [];

const exact = (file) => `^${file.replace(/[.]/g, '[.]')}$`;
const knownFrom = [...new Set(KNOWN_VIOLATIONS.map(([from]) => from))];
const knownTargets = (from) => KNOWN_VIOLATIONS.filter(([f]) => f === from).map(([, to]) => exact(to));
const list = (x) => (x === undefined ? [] : [x].flat());
const matches = (file, { path, pathNot }) =>
  list(path).some((p) => new RegExp(p).test(file)) && !list(pathNot).some((p) => new RegExp(p).test(file));

/**
 * A rule with the known violations taken out: the rule no longer looks at a file with known
 * violations, and a copy of it looks at that file alone (a lookahead pins the file, so the rule's
 * own groups, `$1`, still work) with the file's known targets left out.
 */
function exceptKnown(rule) {
  const files = knownFrom.filter((file) => matches(file, rule.from));
  if (files.length === 0) return [rule];
  const general = {
    ...rule,
    from: { ...rule.from, pathNot: [...list(rule.from.pathNot), ...files.map(exact)] },
  };
  const pinned = files.map((file) => ({
    ...rule,
    from: { ...rule.from, path: list(rule.from.path).map((p) => `(?=${exact(file)})${p}`) },
    to: { ...rule.to, pathNot: [...list(rule.to.pathNot), ...knownTargets(file)] },
  }));
  return [general, ...pinned];
}

const rules = [
  {
    name: 'no-circular',
    comment:
      'A cycle of runtime imports: modules that need each other to load. Type-only imports are erased, so a cycle through one does not count (core/db/schema.ts and the tables).',
    severity: 'error',
    from: { path: '^src/' },
    to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
  },
  {
    name: 'platform-is-base',
    comment:
      'platform is the base every part (Min Bank too) stands on: it imports nothing of src/ but platform and i18n. Pass values in instead (src/config turns settings into them).',
    severity: 'error',
    from: { path: '^src/platform/', pathNot: TEST_CODE },
    to: { path: '^src/', pathNot: ['^src/platform/', '^src/i18n/'] },
  },
  {
    name: 'leaves',
    comment: 'i18n is the one text catalogue, data only: it imports nothing of src/ but itself.',
    severity: 'error',
    from: { path: '^src/i18n/', pathNot: TEST_CODE },
    to: { path: '^src/', pathNot: '^src/i18n/' },
  },
  {
    name: 'leaves',
    comment:
      'config reads the settings and secrets and turns them into platform values: it imports only platform.',
    severity: 'error',
    from: { path: '^src/config/', pathNot: TEST_CODE },
    to: { path: '^src/', pathNot: ['^src/config/', '^src/platform/'] },
  },
  {
    name: 'core-stays-core',
    comment:
      'core (identity, codes, messages, …) knows no authenticator kind, flow, service or root: what it needs of them comes in as a port or a hook.',
    severity: 'error',
    from: { path: '^src/core/', pathNot: TEST_CODE },
    to: { path: ['^src/(kinds|flows|services|roots)/', '^src/[^/]+[.]ts$'] },
  },
  {
    name: 'kinds-alone',
    comment:
      'An authenticator kind uses only core and platform: no other kind, flow, service or root (cross-feature effects go through core hooks).',
    severity: 'error',
    from: { path: '^src/kinds/([^/]+)/', pathNot: TEST_CODE },
    to: { path: ['^src/(kinds|flows|services|roots)/', '^src/[^/]+[.]ts$'], pathNot: '^src/kinds/$1/' },
  },
  {
    name: 'flows-know-no-kind',
    comment:
      'A flow (enrollment, NemID, orders) knows no authenticator kind, service or root; it may use another flow through its index.ts.',
    severity: 'error',
    from: { path: '^src/flows/', pathNot: TEST_CODE },
    to: { path: ['^src/(kinds|services|roots)/', '^src/[^/]+[.]ts$'] },
  },
  {
    name: 'bank-over-http',
    comment:
      'A service (Min Bank, Borger) is another organisation: it talks to MitID over HTTP only, so it imports nothing of core, kinds, flows or roots.',
    severity: 'error',
    from: { path: '^src/services/', pathNot: TEST_CODE },
    to: { path: ['^src/(core|kinds|flows|roots)/', '^src/[^/]+[.]ts$'] },
  },
  {
    name: 'public-entry',
    comment:
      "An import into another module's inner file: import it from that module's index.ts (a test: or its testing/index.ts).",
    severity: 'error',
    from: { path: '^src/((core|kinds|flows|services|roots)/[^/]+)/' },
    to: { path: '^src/(core|kinds|flows)/[^/]+/', pathNot: ['^src/$1/', ...PUBLIC_ENTRY] },
  },
  {
    name: 'public-entry',
    comment:
      "An import into a module's inner file from outside every module: import it from that module's index.ts.",
    severity: 'error',
    from: { path: ['^src/(platform|config|i18n)/', '^src/[^/]+[.]ts$'] },
    to: { path: '^src/(core|kinds|flows)/[^/]+/', pathNot: PUBLIC_ENTRY },
  },
  {
    name: 'roots-are-roots',
    comment:
      'The composition roots (src/roots) wire the modules together; nothing but a root, src/start.ts or a test imports one.',
    severity: 'error',
    from: { path: '^src/', pathNot: ['^src/roots/', '^src/start[.]ts$', ...TEST_CODE] },
    to: { path: '^src/roots/' },
  },
  {
    name: 'no-test-code',
    comment: 'Shipped code imports no test file, testing/ folder, test/ tree or test helper.',
    severity: 'error',
    from: { path: '^src/', pathNot: TEST_CODE },
    to: { path: TEST_CODE },
  },
  {
    name: 'no-dev-dependency',
    comment: 'Shipped code imports only dependencies, not devDependencies (fast-check, smtp-server, …).',
    severity: 'error',
    from: { path: '^src/', pathNot: TEST_CODE },
    to: { dependencyTypes: ['npm-dev'] },
  },
  {
    name: 'not-to-unresolvable',
    comment: 'An import the cruise cannot resolve is one no rule can check.',
    severity: 'error',
    from: { path: '^src/', pathNot: BROWSER_ASSETS },
    to: { couldNotResolve: true },
  },
];

/** One warning rule per file with known violations, naming the files it may still import. */
const knownViolations = knownFrom.map((file) => ({
  name: 'known-violations',
  comment: 'A known violation, listed in .dependency-cruiser.cjs with the work package that removes it.',
  severity: 'warn',
  from: { path: exact(file) },
  to: { path: knownTargets(file) },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [...rules.flatMap(exceptKnown), ...knownViolations],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports couple modules too: the layer rules see them (the cycle rule ignores them).
    tsPreCompilationDeps: true,
    // node_modules is a symlink in the worktrees: keep the paths as written.
    preserveSymlinks: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
