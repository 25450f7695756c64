/**
 * Public entry of flows/enrollment: the wizard and RA API (registerEnrollment, which takes the
 * NemID reservation and the client registry from the root), the hook that ends the activation step
 * when an authenticator is activated (onAuthenticatorActivated, wired by roots/mitid/hooks.ts), and
 * the store for tests and the seed. Other modules import only this file.
 */

export type {
  CodeDeviceKindName,
  DeviceActivation,
  DeviceActivationInput,
  DeviceActivationRefusal,
  DeviceActivationResult,
} from './deviceActivation.ts';
export { EnrollmentStore, enrollmentFromRow } from './EnrollmentStore.ts';
export { type AtActivation, enrollAtActivation } from './enrollAtActivation.ts';
export { onAuthenticatorActivated } from './onAuthenticatorActivated.ts';
export { type EnrollmentPorts, registerEnrollment } from './registerEnrollment.ts';
