/** What other modules' tests use of kinds/password's test helpers. */
export { type PasswordFixture, T0, withPasswords } from './passwordFixture.ts';
