/**
 * Public entry of core/staff: the staff registry (Borgerservice clerks now, MitID supporters in
 * issue 12), their logins and their guessing limits. Other modules import only this file.
 */

export { ADDRESS_FAILURES_MAX, BLOCK_MS, LOGIN_FAILURES_MAX } from './loginThrottle.ts';
export {
  type CreateResult,
  type LoginResult,
  type NewStaff,
  newStaffRefusal,
  normaliseLogin,
  type Staff,
  type StaffDeps,
  type StaffRefusal,
  StaffRegistry,
} from './StaffRegistry.ts';
export { STAFF_PASSWORD_MAX, STAFF_PASSWORD_MIN } from './staffPassword.ts';
export { STAFF_ROLES, type StaffLoginCountersTable, type StaffRole, type StaffTable } from './tables.ts';
