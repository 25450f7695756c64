/** What other modules' tests use of core/people's test helpers. */
export { openMitidTestDb } from './openMitidTestDb.ts';
