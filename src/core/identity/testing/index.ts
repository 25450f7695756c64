/** What other modules' tests use of core/identity's test helpers. */

export { allowedText, anyText, digit, forbiddenChar, validUserId } from '../userIdArbitraries.ts';
export { addPeople, T0 } from './identityFixtures.ts';
