/**
 * Public entry of flows/enrollment: the wizard and RA API (registerEnrollment, which takes the
 * NemID reservation from the root), MitID.dk's NemID client, and the store and RA clients that the
 * app kind still reaches (known violations of kinds-alone, removed by core/clients and the
 * authenticator.activated hook: decision 0011). Other modules import only this file.
 */
export { EnrollmentStore, enrollmentFromRow } from './EnrollmentStore.ts';
export { type EnrollmentPorts, registerEnrollment } from './registerEnrollment.ts';
