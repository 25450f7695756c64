/** What other modules' tests use of core/authenticators' test helpers. */
export { type AuthenticatorsFixture, T0, testRules, withAuthenticators } from './authenticatorFixtures.ts';
