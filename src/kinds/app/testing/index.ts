/** What other modules' tests use of the app kind's test helpers: the in-process app server harness. */
export {
  type AppHarness,
  SERVER_SECRET,
  SERVICE_SECRET,
  startAppHarness,
} from '../server/testing/appHarness.ts';
