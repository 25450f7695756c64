/**
 * The MitID service's schema, types only (decision 0010 §1.2): every module imports `MitidDb` and
 * the row types it needs from here, always as `import type`, so no module runs the schema file.
 */
export type {
  AppActivationsTable,
  AppDevicesTable,
  AppPinsTable,
  BorgerserviceOfficesTable,
  DeviceOrdersTable,
  EnrollmentsTable,
  IdentitiesTable,
  IdentityContactsTable,
  MessagesTable,
  MitidDb,
  NemidLoginsTable,
  OfficeSlotsTable,
  OidcPayloadsTable,
  PeopleTable,
} from './schema.ts';
