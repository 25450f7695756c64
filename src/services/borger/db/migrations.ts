/** Borger's migrations, run at start. Append new ones; never edit a released one. */
import type { Kysely, Migration } from 'kysely';
import { createSessionsTable } from '../../../platform/db/sessionsMigration.ts';
import { createKeysTable } from '../../../platform/keys/keysMigration.ts';
import { createOidcLogoutTables } from '../../../platform/oidc/oidcLogoutMigration.ts';

export const borgerMigrations: Record<string, Migration> = {
  '0001_sessions_keys': {
    async up(db: Kysely<unknown>): Promise<void> {
      await createSessionsTable(db);
      await createKeysTable(db);
    },
  },
  '0029_backchannel_logout': {
    // Issue 10: MitID's back-channel logout ends the sessions of a MitID session (its sid).
    async up(db: Kysely<unknown>): Promise<void> {
      await createOidcLogoutTables(db);
    },
  },
};
