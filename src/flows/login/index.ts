/** The login flow (issue 9): the OpenID Connect providers, their storage, the port the box uses. */

export { type BoxCore, type BoxOptions, registerBox } from './box/index.ts';
export { DIALECTS, type Dialect, type DialectName, dialectOf, type LoginRequest } from './dialects/index.ts';
export {
  OIDC_MODELS,
  OidcAdapter,
  type OidcModel,
  type OidcStoreDeps,
  oidcAdapterFactory,
  sweepOidcPayloads,
} from './oidcAdapter.ts';
export { sweepCibaRequests } from './provider/ciba.ts';
export { sweepCprMatches } from './provider/cprMatch.ts';
export type { BoxInteraction, LoginMount } from './provider/LoginMount.ts';
export { MOUNTS, TTL } from './provider/providers.ts';
export {
  type LoginCore,
  type LoginOptions,
  loginMountsOf,
  registerLogin,
  sessionsOf,
} from './provider/register.ts';
export { sweepBackchannelLogouts } from './provider/sessions.ts';
export type { BackchannelLogoutsDb, BackchannelLogoutsTable, OidcDb, OidcPayloadsTable } from './tables.ts';
