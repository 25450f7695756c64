/** What other modules' tests use of the login box's test kit: the box on a recording mount, the test kinds. */
export { type BoxKit, Browser, RecordingMount, startBox } from '../testBox.ts';
export { giveAuthenticator, type TestKinds, testKinds } from './testKinds.ts';
