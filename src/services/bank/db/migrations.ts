/** Min Bank's migrations, run at start. Append new ones; never edit a released one. */
import { type Kysely, type Migration, sql } from 'kysely';
import { createSessionsTable } from '../../../platform/db/sessionsMigration.ts';
import { createKeysTable } from '../../../platform/keys/keysMigration.ts';
import { createOidcLogoutTables } from '../../../platform/oidc/oidcLogoutMigration.ts';

export const bankMigrations: Record<string, Migration> = {
  '0001_customers_accounts': {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('customers')
        .addColumn('cpr', 'text', (c) => c.primaryKey())
        .addColumn('customer_no', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('mitid_turn_at', 'bigint')
        .addColumn('mitid_deadline_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('accounts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('cpr', 'text', (c) => c.notNull().references('customers.cpr').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('reg_no', 'text', (c) => c.notNull())
        .addColumn('account_no', 'text', (c) => c.notNull())
        .addColumn('balance_ore', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('accounts_number', ['reg_no', 'account_no'])
        .execute();
      await db.schema.createIndex('accounts_cpr').on('accounts').column('cpr').execute();
      await createSessionsTable(db);
    },
  },
  '0017_keys': {
    // The key store (src/platform/keys): Min Bank's own cookie key.
    async up(db: Kysely<unknown>): Promise<void> {
      await createKeysTable(db);
    },
  },
  '0025_customer_mitid_uuid': {
    // Issue 10: Min Bank is a private service; a customer's MitID uuid is linked at the first MitID
    // login (a CPR match in the login box), after which the uuid finds the customer.
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('customers').addColumn('mitid_uuid', 'text').execute();
      await db.schema
        .createIndex('customers_mitid_uuid')
        .unique()
        .on('customers')
        .column('mitid_uuid')
        .execute();
    },
  },
  '0026_transfers': {
    // Issue 10: transfers approved with MitID (services/bank/transfers). A transfer is stored while
    // it awaits the approval; its booking keeps the transaction token, and a token's jti books once.
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('transfers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('cpr', 'text', (c) => c.notNull().references('customers.cpr').onDelete('cascade'))
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('creditor_reg_no', 'text', (c) => c.notNull())
        .addColumn('creditor_account_no', 'text', (c) => c.notNull())
        .addColumn('amount_ore', 'bigint', (c) => c.notNull())
        .addColumn('message', 'text')
        .addColumn('authorization_details', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('lang', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('decided_at', 'bigint')
        .execute();
      await db.schema
        .createIndex('transfers_cpr_created')
        .on('transfers')
        .columns(['cpr', 'created_at'])
        .execute();
      await db.schema
        .createTable('bookings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('transfer_id', 'text', (c) =>
          c.notNull().unique().references('transfers.id').onDelete('cascade'),
        )
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('amount_ore', 'bigint', (c) => c.notNull())
        .addColumn('transaction_token', 'text', (c) => c.notNull())
        .addColumn('jti', 'text', (c) => c.notNull().unique())
        .addColumn('loa', 'text', (c) => c.notNull())
        .addColumn('approved_at', 'bigint', (c) => c.notNull())
        .addColumn('booked_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  },
  '0027_support': {
    // Issue 10: the phone support's requests to a customer's MitID app (CIBA) and their results.
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('support_calls')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('customer_no', 'text', (c) => c.notNull())
        .addColumn('cpr', 'text', (c) => c.notNull().references('customers.cpr').onDelete('cascade'))
        .addColumn('binding_message', 'text', (c) => c.notNull())
        .addColumn('auth_req_id', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('transaction_id', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('decided_at', 'bigint')
        .addCheckConstraint(
          'support_calls_status_known',
          sql`status in ('pending', 'approved', 'rejected', 'expired', 'refused', 'failed')`,
        )
        .execute();
      await db.schema
        .createIndex('support_calls_cpr')
        .on('support_calls')
        .columns(['cpr', 'created_at'])
        .execute();
    },
  },
  '0028_backchannel_logout': {
    // Issue 10: MitID's back-channel logout ends the sessions of a MitID session (its sid).
    async up(db: Kysely<unknown>): Promise<void> {
      await createOidcLogoutTables(db);
    },
  },
};
