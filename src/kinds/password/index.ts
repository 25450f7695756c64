/**
 * Public entry of kinds/password, the MitID password (decision 0014 §2): its rules, its Kind,
 * making and changing it, and the browser's copy of the rules. Other modules import only this file.
 */

export { hashPassword, passwordArgon2Options, verifyPassword } from './passwordHash.ts';
export {
  createPasswordKind,
  PASSWORD_LOCK_MS,
  PASSWORD_MAX_IN_A_ROW,
  PASSWORD_ROUND,
  type PasswordAnswer,
  passwordActivationRules,
  passwordDescriptor,
  passwordProof,
} from './passwordKind.ts';
export {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PASSWORD_RULES,
  type PasswordProblem,
  type PasswordRule,
  passwordProblems,
} from './passwordRules.ts';
export {
  changePassword,
  createPassword,
  PASSWORD_LABEL,
  type PasswordChanged,
  type PasswordCreated,
  type PasswordInput,
} from './passwords.ts';
export { passwordStaticPrefix, registerPasswordStatic } from './registerPasswordStatic.ts';
