/**
 * The import rules of src/, checked by dependency-cruiser in `npm test` (`npm run deps`).
 * Why each rule, and where each known violation should go: docs/decisions/0011-import-rules.md.
 *
 * Layers: the foundation (platform, config, i18n) imports no feature; a feature uses another
 * only through that feature's public module, `src/<feature>/index.ts`; Min Bank is another
 * organisation and sees only the foundation; shipped code never imports test code; no cycles.
 */

/** Shared by every part: platform, the configuration read at boot, and the one text catalogue. */
const FOUNDATION = ['platform', 'config', 'i18n'];
/** Feature folders: each owns its code and tables and is used by others through its index.ts. */
const FEATURES = [
  'app',
  'bank',
  'cli',
  'enrollment',
  'identity',
  'messages',
  'mitid',
  'nemid',
  'orders',
  'people',
  'seed',
];

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

/**
 * KNOWN VIOLATIONS of "through the public module": today's imports of one feature's inner file by
 * another feature's shipped code, counted as warnings (rule `known-violations`). Each entry is a
 * file reached into and the features that do so today; any other cross-feature deep import is an
 * error (rule `feature-through-public-module`). Issue 8 moves each file's exports behind its
 * feature's index.ts (or, where noted, elsewhere) and deletes the entry. Never add one: export it
 * from the feature's index.ts instead. Grouped by where the export should go.
 */
const KNOWN_VIOLATIONS = [
  // src/roots/mitid/db: the MitID service's one Kysely schema and migration list. Each feature should own
  // the types and migrations of its tables and export them from its index.ts; src/roots/mitid/db composes
  // them (MitidDb = IdentityTables & NemidTables & …), so no feature depends on the service.
  [
    'src/core/db/schema.ts',
    ['app', 'cli', 'enrollment', 'identity', 'messages', 'nemid', 'orders', 'people', 'seed'],
  ],
  ['src/roots/mitid/db/migrations.ts', ['cli', 'seed']],

  // Composition: src/roots/mitid/app.ts and src/roots/mitid/sweep.ts assemble the service from its parts. Each
  // part's register function and sweep hook should come from that part's index.ts.
  ['src/kinds/app/pwa/registerAppPwa.ts', ['mitid']],
  ['src/kinds/app/server/registerAppServer.ts', ['mitid']],
  ['src/kinds/app/server/ActivationStore.ts', ['mitid']], // sweep: an app-server sweep hook in its index.ts
  ['src/flows/enrollment/registerEnrollment.ts', ['mitid']],
  ['src/flows/enrollment/mitidDkClient.ts', ['mitid']],
  ['src/core/messages/registerMessages.ts', ['mitid']],
  ['src/flows/nemid/registerNemid.ts', ['mitid']],
  ['src/flows/nemid/attemptCounters.ts', ['mitid']], // sweep: a NemID sweep hook in its index.ts
  ['src/flows/nemid/loginStore.ts', ['mitid']], // sweep: as above

  // Seeding the demo data (both services' databases): the stores and seeders through each
  // feature's index.ts; Min Bank's through a src/services/bank/index.ts of its own (seed is a dev tool).
  ['src/services/bank/customerStore.ts', ['seed']],
  ['src/services/bank/db/migrations.ts', ['seed']],
  ['src/services/bank/db/schema.ts', ['seed']],
  ['src/flows/orders/seedOffices.ts', ['seed']],
  ['src/core/messages/MessageStore.ts', ['seed']],

  // enrollment's public surface (src/flows/enrollment/index.ts): the one-time codes, the code policies,
  // the RA clients and the user-ID rules. userIdRules and nemidUserIdSuggestion are identity's
  // rules more than enrollment's: they may move to src/core/identity, which ends identity → enrollment.
  ['src/flows/enrollment/EnrollmentStore.ts', ['app']],
  ['src/core/codes/codePolicies.ts', ['app']],
  ['src/core/codes/oneTimeCode.ts', ['app', 'mitid']],
  ['src/flows/enrollment/raClients.ts', ['app']],
  ['src/core/identity/userIdRules.ts', ['app', 'identity']],
  ['src/flows/enrollment/nemidUserIdSuggestion.ts', ['identity']],

  // identity's public surface (src/core/identity/index.ts): the store, the Identity type, its errors.
  ['src/core/identity/Identity.ts', ['app', 'enrollment']],
  ['src/core/identity/IdentityError.ts', ['enrollment']],
  ['src/core/identity/IdentityStore.ts', ['app', 'enrollment']],

  // messages' public surface (src/core/messages/index.ts): the notifier, enqueueing, the delivery
  // signal, recipient parsing, its error.
  ['src/core/messages/MessageError.ts', ['app']],
  ['src/core/messages/createNotifier.ts', ['app', 'enrollment', 'mitid']],
  ['src/core/messages/deliverySignal.ts', ['app', 'orders']],
  ['src/core/messages/enqueueMessage.ts', ['orders', 'seed']],
  ['src/core/messages/parseRecipient.ts', ['enrollment', 'identity']],

  // nemid's public surface (src/flows/nemid/index.ts): making a person with NemID, the NemID clients,
  // redeeming a NemID code, and (for the people CLI) the password, user-ID and key-card helpers.
  ['src/flows/nemid/createPersonWithNemid.ts', ['cli', 'seed']],
  ['src/flows/nemid/generateKeyCard.ts', ['cli']],
  ['src/flows/nemid/nemidClients.ts', ['enrollment']],
  ['src/flows/nemid/nemidPassword.ts', ['cli']],
  ['src/flows/nemid/nemidUserId.ts', ['cli']],
  ['src/flows/nemid/redeemNemidCode.ts', ['enrollment']],

  // orders' public surface (src/flows/orders/index.ts): device orders and their times.
  ['src/flows/orders/DeviceOrder.ts', ['enrollment']],
  ['src/flows/orders/DeviceOrders.ts', ['enrollment']],
  ['src/platform/time/formatOrderTime.ts', ['app', 'enrollment']],

  // people's public surface (src/core/people/index.ts): the registry's store, CPR checks, its error.
  ['src/core/people/InvalidInputError.ts', ['cli', 'nemid']],
  ['src/core/people/PeopleStore.ts', ['enrollment', 'nemid', 'orders']],
  ['src/core/people/randomCpr.ts', ['cli']],
  ['src/core/people/validateCpr.ts', ['cli', 'enrollment', 'nemid']],
  ['src/core/people/validatePersonInput.ts', ['cli', 'nemid']],
];

const exact = (file) => `^${file.replace(/[.]/g, '[.]')}$`;
const knownFor = (feature) =>
  KNOWN_VIOLATIONS.filter(([, from]) => from.includes(feature)).map(([to]) => exact(to));

/** One pair of rules per feature: its known deep imports warn, any other is an error. */
const throughPublicModule = FEATURES.flatMap((feature) => {
  const known = knownFor(feature);
  const others = FEATURES.filter((f) => f !== feature);
  const rules = [
    {
      name: 'feature-through-public-module',
      comment:
        "A feature reaches into another feature's inner file: import it from that feature's index.ts (docs/decisions/0011-import-rules.md).",
      severity: 'error',
      from: { path: `^src/${feature}/`, pathNot: TEST_CODE },
      to: { path: `^src/(${others.join('|')})/`, pathNot: ['^src/[^/]+/index[.]ts$', ...known] },
    },
  ];
  if (known.length > 0) {
    rules.push({
      name: 'known-violations',
      comment:
        "A known deep import, listed in .dependency-cruiser.cjs; issue 8 moves it behind the feature's index.ts.",
      severity: 'warn',
      from: { path: `^src/${feature}/`, pathNot: TEST_CODE },
      to: { path: known },
    });
  }
  return rules;
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment:
        'A cycle of runtime imports: modules that need each other to load. Type-only imports are erased, so a cycle through one does not count.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'foundation-imports-no-feature',
      comment: 'platform, config and i18n are used by every part (Min Bank too), so they import no feature.',
      severity: 'error',
      from: { path: `^src/(${FOUNDATION.join('|')})/`, pathNot: TEST_CODE },
      to: { path: [`^src/(${FEATURES.join('|')})/`, '^src/[^/]+[.]ts$'] },
    },
    {
      name: 'bank-sees-only-the-foundation',
      comment:
        'Min Bank is another organisation: it talks to MitID over HTTP only, so its shipped code imports nothing of src/ but itself, platform, config and i18n.',
      severity: 'error',
      from: { path: '^src/services/bank/', pathNot: TEST_CODE },
      to: { path: '^src/', pathNot: ['^src/services/bank/', `^src/(${FOUNDATION.join('|')})/`] },
    },
    {
      name: 'shipped-code-imports-no-test-code',
      comment: 'Shipped code imports no test file, testing/ folder, test/ tree or test helper.',
      severity: 'error',
      from: { path: '^src/', pathNot: TEST_CODE },
      to: { path: TEST_CODE },
    },
    {
      name: 'shipped-code-imports-no-dev-dependency',
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
    ...throughPublicModule,
  ],
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
