/** What other modules' tests use of flows/enrollment's test helpers. */
export { enrollAtActivation } from './enrollAtActivation.ts';
export { enrollmentKinds } from './kinds.ts';
export { type DeviceFlow, walkToDeviceActivation } from './walkToDeviceActivation.ts';
