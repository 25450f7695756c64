/** The one client registry (docs/decisions/0010 §2.1, §3.3): what other modules may use. */
export {
  CLIENT_DIALECTS,
  type Client,
  type ClientDialect,
  type ClientStatus,
  ID_TOKEN_ALGS,
  type IdTokenAlg,
  isClientDialect,
  isPermission,
  may,
  type OidcSettings,
  type Permission,
  type PublicJwk,
  permissions,
  redirectUriAllowed,
  returnUrlAllowed,
  TOKEN_AUTH_METHODS,
  type TokenAuthMethod,
} from './Client.ts';
export {
  ClientAdmin,
  ClientAdminError,
  type ClientAdminRefusal,
  clientAdminRefusals,
  type MadeSecret,
  type NewClient,
  newClientRefusal,
  type SecretInfo,
} from './ClientAdmin.ts';
export { ClientRegistry, type ClientRegistryDeps, MISS_RELOAD_MS } from './ClientRegistry.ts';
export { clientSecretHash, deriveClientSecretKey, MIN_SECRET_LENGTH } from './clientSecretHash.ts';
export { ClientsFileError, type FileClient, loadClientsFile, parseClientsFile } from './clientsFile.ts';
export {
  BANK_CLIENT_ID,
  BORGER_CLIENT_ID,
  CONFIGURED_CLIENT_IDS,
  configSecretId,
  configuredClients,
  MITID_DK_CLIENT_ID,
  mitidDkCallback,
  SELFSERVICE_CLIENT_ID,
  selfserviceCallback,
  selfserviceClientSecret,
  selfserviceLoggedOut,
} from './configuredClients.ts';
export type { ClientSecretsTable, ClientsTable, ClientTables } from './tables.ts';
