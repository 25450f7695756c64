/** What other modules' tests use of flows/login's test kits: the login box on a recording mount, its test kinds. */
export { type BoxKit, Browser, RecordingMount, startBox } from '../box/testBox.ts';
export { giveAuthenticator, type TestKinds, testKinds } from '../box/testing/testKinds.ts';
