/** What tests use of flows/borgerservice's helpers (not shipped code). */
export { type FakeDesk, fakeDesk } from './fakeDesk.ts';
