/** The login flow (issue 9): for now, oidc-provider's storage on the service's database. */
export {
  OIDC_MODELS,
  OidcAdapter,
  type OidcModel,
  type OidcStoreDeps,
  oidcAdapterFactory,
  sweepOidcPayloads,
} from './oidcAdapter.ts';
export type { OidcDb, OidcPayloadsTable } from './tables.ts';
