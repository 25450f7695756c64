/** What other modules' tests use of flows/nemid's test helpers. */
export { ANNA, BANK_SECRET, csrfOf, type Harness, startHarness, type TestBrowser } from './nemidHarness.ts';
