/**
 * The port between an OpenID Connect provider mount and the login box (decision 0012 §3): the
 * provider's (flows/login/provider/LoginMount.ts), which implements it. The box calls it with the
 * raw request and response of the box's route (oidc-provider reads its interaction cookie from
 * them and writes its redirect to them).
 */

export { CPR_MATCH_PROMPT, typedCpr } from '../provider/cprMatch.ts';
export type { BoxInteraction, CprAttempt, LoginMount } from '../provider/LoginMount.ts';
