/** The login box (decision 0012 §3; docs/protocols/login-box.md): its routes, and the port it uses. */
export { BINDING_COOKIE, LAST_KIND_COOKIE } from './binding.ts';
export { DEFAULT_GUESSING, GUESSING_SCOPE, type GuessingLimit } from './guessing.ts';
export type { BoxInteraction, LoginMount } from './LoginMount.ts';
export { BOX_LOGIN_KINDS, type BoxCore, type BoxOptions, registerBox } from './registerBox.ts';
