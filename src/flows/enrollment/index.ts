/** Enrollment's public module (docs/decisions/0010 §1.2). */
export { onAuthenticatorActivated } from './onAuthenticatorActivated.ts';
