/** The MitID service's migrations, run at start. Append new ones; never edit a released one. */
import { type Kysely, type Migration, sql } from 'kysely';
import { createSessionsTable } from '../../../platform/db/sessionsMigration.ts';
import { createKeysTable } from '../../../platform/keys/keysMigration.ts';
import { clientsMigration } from './migrations/0019_clients.ts';
import { authenticatorsMigration } from './migrations/0020_authenticators.ts';
import { authenticationsMigration } from './migrations/0021_authentications.ts';
import { oidcStoreMigration } from './migrations/0022_oidc_store.ts';
import { oidcClientsMigration } from './migrations/0023_oidc_clients.ts';
import { activityMigration } from './migrations/0024_activity.ts';
import { cibaMigration } from './migrations/0026_ciba.ts';
import { cprMatchesMigration } from './migrations/0028_cpr_matches.ts';
import { backchannelLogoutsMigration } from './migrations/0029_backchannel_logouts.ts';
import { codeDevicesMigration } from './migrations/0030_code_devices.ts';
import { passwordsMigration } from './migrations/0031_passwords.ts';
import { chipMigration } from './migrations/0032_chip.ts';
import { orderFulfilmentMigration } from './migrations/0033_order_fulfilment.ts';
import { gatesMigration } from './migrations/0034_gates.ts';
import { boxDecoysMigration } from './migrations/0035_box_decoys.ts';
import { staffMigration } from './migrations/0036_staff.ts';

export const mitidMigrations: Record<string, Migration> = {
  '0001_people_nemid_messages': {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('people')
        .addColumn('cpr', 'text', (c) => c.primaryKey())
        .addColumn('given_name', 'text', (c) => c.notNull())
        .addColumn('family_name', 'text', (c) => c.notNull())
        .addColumn('birth_date', 'text', (c) => c.notNull())
        .addColumn('street', 'text', (c) => c.notNull())
        .addColumn('postal_code', 'text', (c) => c.notNull())
        .addColumn('city', 'text', (c) => c.notNull())
        .addColumn('municipality_code', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('nemid_credentials')
        .addColumn('cpr', 'text', (c) => c.primaryKey().references('people.cpr').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('user_id_norm', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('nemid_key_cards')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('cpr', 'text', (c) => c.notNull().references('people.cpr').onDelete('cascade'))
        .addColumn('card_number', 'text', (c) => c.notNull().unique())
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('issued_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('nemid_key_cards_cpr').on('nemid_key_cards').column('cpr').execute();

      await db.schema
        .createTable('nemid_key_codes')
        .addColumn('card_id', 'text', (c) => c.notNull().references('nemid_key_cards.id').onDelete('cascade'))
        .addColumn('key_no', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('used_at', 'bigint')
        .addPrimaryKeyConstraint('nemid_key_codes_pk', ['card_id', 'key_no'])
        .execute();

      await db.schema
        .createTable('nemid_logins')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('redirect_uri', 'text', (c) => c.notNull())
        .addColumn('client_state', 'text', (c) => c.notNull())
        .addColumn('browser_hash', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('cpr', 'text')
        .addColumn('card_id', 'text')
        .addColumn('key_no', 'text')
        .addColumn('keycode_attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('code_hash', 'text', (c) => c.unique())
        .addColumn('code_used_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('nemid_logins_expires').on('nemid_logins').column('expires_at').execute();

      await db.schema
        .createTable('messages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('recipient', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('messages_recipient')
        .on('messages')
        .columns(['recipient', 'created_at'])
        .execute();

      await createSessionsTable(db);
    },
  },
  '0003_one_time_codes': {
    // Validation and activation codes (src/core/codes/oneTimeCode.ts): one live code per flow
    // and purpose, so a resend replaces the previous code in the same row.
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('one_time_codes')
        .addColumn('flow_id', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('nonce', 'text', (c) => c.notNull())
        .addColumn('code_hash', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('max_attempts', 'integer', (c) => c.notNull())
        .addColumn('sends', 'integer', (c) => c.notNull())
        .addColumn('sent_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('used_at', 'bigint')
        .addPrimaryKeyConstraint('one_time_codes_pk', ['flow_id', 'purpose'])
        .execute();
      await db.schema
        .createIndex('one_time_codes_expires')
        .on('one_time_codes')
        .column('expires_at')
        .execute();
    },
  },
  '0004_messages_seq': {
    // Orders messages sent within the same millisecond (a frozen test clock, a resent code):
    // created_at alone cannot say which is the latest. Filled on insert by the message store.
    // Numbered after 0003 (already released) so existing databases migrate in order.
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('messages')
        .addColumn('seq', 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('messages_seq').on('messages').column('seq').execute();
    },
  },
  '0005_enrollments': {
    // An enrollment is a persisted flow (src/flows/enrollment/README.md): its state machine as JSON,
    // the values the steps collected, the browser it is bound to, and a version for
    // compare-and-set updates (a repeated step has its effect once).
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('enrollments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('cpr', 'text', (c) => c.notNull())
        .addColumn('route', 'text', (c) => c.notNull())
        .addColumn('ra_client_id', 'text')
        .addColumn('ra_name', 'text')
        .addColumn('identified_by', 'text', (c) => c.notNull())
        .addColumn('return_url', 'text')
        .addColumn('ticket_hash', 'text', (c) => c.unique())
        .addColumn('ticket_expires_at', 'bigint')
        .addColumn('browser_hash', 'text')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('mobile', 'text')
        .addColumn('email', 'text')
        .addColumn('user_id', 'text')
        .addColumn('identity_id', 'text')
        .addColumn('order_id', 'text')
        .addColumn('open', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      // At most one open enrollment per person: a second start resumes the first.
      await db.schema
        .createIndex('enrollments_open_cpr')
        .on('enrollments')
        .column('cpr')
        .unique()
        .where(sql.ref('open'), '=', 1)
        .execute();
    },
  },
  '0006_identities': {
    // A person's MitID (src/core/identity/README.md): one per CPR number; the user-ID unique without
    // regard to case through the unique user_id_norm (normaliseUserId), which also decides who
    // wins when two people pick the same user-ID at once. Contacts: one per channel.
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('identities')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('cpr', 'text', (c) => c.notNull().references('people.cpr'))
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('user_id_norm', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('identities_cpr_unique', ['cpr'])
        .addUniqueConstraint('identities_user_id_norm_unique', ['user_id_norm'])
        .addCheckConstraint(
          'identities_status_known',
          sql`status in ('pending_activation', 'active', 'blocked', 'revoked')`,
        )
        .execute();
      await db.schema
        .createTable('identity_contacts')
        .addColumn('identity_id', 'text', (c) => c.notNull().references('identities.id').onDelete('cascade'))
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('confirmed_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('identity_contacts_pk', ['identity_id', 'channel'])
        .addCheckConstraint('identity_contacts_channel_known', sql`channel in ('mobile', 'email')`)
        .execute();
    },
  },
  '0007_device_orders': {
    // Ordering a kodeviser / kodeoplæser (src/flows/orders/README.md): Borgerservice offices with bookable
    // time slots, and the orders with their tracking state. The CHECK on office_slots is the
    // backstop of bookSlot's conditional UPDATE: a slot can never hold more bookings than places.
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('borgerservice_offices')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('municipality_code', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('street', 'text', (c) => c.notNull())
        .addColumn('postal_code', 'text', (c) => c.notNull())
        .addColumn('city', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('borgerservice_offices_municipality')
        .on('borgerservice_offices')
        .column('municipality_code')
        .execute();

      await db.schema
        .createTable('office_slots')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('office_id', 'text', (c) =>
          c.notNull().references('borgerservice_offices.id').onDelete('cascade'),
        )
        .addColumn('starts_at', 'bigint', (c) => c.notNull())
        .addColumn('capacity', 'integer', (c) => c.notNull())
        .addColumn('booked', 'integer', (c) => c.notNull().defaultTo(0))
        .addUniqueConstraint('office_slots_office_start', ['office_id', 'starts_at'])
        .addCheckConstraint('office_slots_booked_range', sql`booked >= 0 and booked <= capacity`)
        .execute();

      await db.schema
        .createTable('device_orders')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('cpr', 'text', (c) => c.notNull().references('people.cpr').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('delivery', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('open', 'integer', (c) => c.notNull())
        .addColumn('office_id', 'text', (c) => c.references('borgerservice_offices.id'))
        .addColumn('slot_id', 'text', (c) => c.references('office_slots.id'))
        .addColumn('ship_name', 'text')
        .addColumn('ship_street', 'text')
        .addColumn('ship_postal_code', 'text')
        .addColumn('ship_city', 'text')
        .addColumn('serial_number', 'text', (c) => c.unique())
        .addColumn('tracking_no', 'text', (c) => c.unique())
        .addColumn('letter_id', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expected_by', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      // At most one open order per person and kind: a second order while one is on its way is refused.
      await db.schema
        .createIndex('device_orders_open_cpr_kind')
        .on('device_orders')
        .columns(['cpr', 'kind'])
        .unique()
        .where(sql.ref('open'), '=', 1)
        .execute();
      await db.schema.createIndex('device_orders_cpr').on('device_orders').column('cpr').execute();
    },
  },
  '0008_terms_acceptances': {
    // The record of who accepted which version of the terms and the privacy policy, and when.
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('terms_acceptances')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('cpr', 'text', (c) => c.notNull())
        .addColumn('enrollment_id', 'text', (c) => c.notNull())
        .addColumn('document', 'text', (c) => c.notNull())
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('lang', 'text', (c) => c.notNull())
        .addColumn('accepted_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('terms_acceptances_cpr').on('terms_acceptances').column('cpr').execute();
    },
  },
  '0009_app': {
    // The MitID app (src/kinds/app/server, docs/protocols/app.md): activations as persisted flows, the
    // devices with their public keys and PIN records, and the transactions they approve.
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('app_activations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('identity_id', 'text', (c) => c.references('identities.id').onDelete('cascade'))
        .addColumn('device_id', 'text', (c) => c.notNull().unique())
        .addColumn('device_name', 'text', (c) => c.notNull())
        .addColumn('via', 'text', (c) => c.notNull())
        .addColumn('step', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('app_activations_expires')
        .on('app_activations')
        .column('expires_at')
        .execute();

      await db.schema
        .createTable('app_devices')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('identity_id', 'text', (c) => c.notNull().references('identities.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('public_key', 'text', (c) => c.notNull())
        .addColumn('opaque_record', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('notify_every_use', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('users_in_app', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('pin_failures', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('pin_blocked_until', 'bigint')
        .addColumn('webauthn_credential_id', 'text')
        .addColumn('webauthn_public_key', 'text')
        .addColumn('webauthn_counter', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('webauthn_challenge', 'text')
        .addColumn('webauthn_challenge_expires_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addCheckConstraint('app_devices_pin_failures_range', sql`pin_failures >= 0`)
        .execute();
      await db.schema
        .createIndex('app_devices_identity_status')
        .on('app_devices')
        .columns(['identity_id', 'status'])
        .execute();

      await db.schema
        .createTable('app_transactions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('identity_id', 'text', (c) => c.references('identities.id').onDelete('cascade'))
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('service_name', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('requires_pin', 'integer', (c) => c.notNull())
        .addColumn('digest', 'text', (c) => c.notNull())
        .addColumn('challenge', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('pin_device_id', 'text')
        .addColumn('pin_login_state', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('decided_at', 'bigint')
        .addColumn('decided_by', 'text')
        .addColumn('method', 'text')
        .addColumn('signature', 'text')
        .execute();
      await db.schema
        .createIndex('app_transactions_identity_status')
        .on('app_transactions')
        .columns(['identity_id', 'status'])
        .execute();
    },
  },
  '0010_app_signed_requests': {
    // Signed device requests seen within their 60-second window: a replay is refused
    // (docs/protocols/app.md). Keyed on the signed content, not the signature, because an
    // ECDSA signature can be altered into another valid one for the same content.
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('app_signed_requests')
        .addColumn('request_hash', 'text', (c) => c.primaryKey())
        .addColumn('device_id', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('app_signed_requests_expires')
        .on('app_signed_requests')
        .column('expires_at')
        .execute();
    },
  },
  '0011_nemid_attempt_counters': {
    // NemID guessing limits (docs/protocols/nemid.md, "Password attempts"): failures are counted
    // per user-ID (an HMAC of it, known or not), per trusted browser, per address and globally,
    // instead of on the credential, where a stranger's failures locked the owner out.
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('nemid_attempt_counters')
        .addColumn('counter_key', 'text', (c) => c.primaryKey())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('window_start', 'bigint', (c) => c.notNull())
        .addColumn('blocked_until', 'bigint')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('nemid_attempt_counters_updated')
        .on('nemid_attempt_counters')
        .column('updated_at')
        .execute();
      await db.schema.alterTable('nemid_credentials').dropColumn('failed_attempts').execute();
      await db.schema.alterTable('nemid_credentials').dropColumn('locked_until').execute();
    },
  },
  '0012_code_attempts': {
    // Activation codes that strangers cannot burn (docs/protocols/app.md, step 2): an activation
    // flow counts its own code tries, and a code's sends are limited per window (an hour for the
    // net bank's activation code) rather than for the row's whole life. An enrollment counts the
    // user-IDs its person has had checked against other people's (src/flows/enrollment/userIdChecks.ts).
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('user_id_checks')
        .addColumn('enrollment_id', 'text', (c) =>
          c.primaryKey().references('enrollments.id').onDelete('cascade'),
        )
        .addColumn('checks', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .alterTable('app_activations')
        .addColumn('code_tries', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .alterTable('one_time_codes')
        .addColumn('window_started_at', 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  },
  '0013_outbox': {
    // The transactional outbox (src/core/messages/README.md): a message is written "queued" in the
    // transaction of the change that causes it and delivered after commit by the service's
    // delivery worker, which claims a row with a lease (claimed_until, claim) so that several
    // nodes never deliver it at once, and retries with backoff (attempts, next_attempt_at).
    // The app's activation steps keep the answer of the step that moved the flow (sealed), with
    // a keyed digest of its request, so a step repeated after a crash answers as the first did.
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('messages')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable('messages').addColumn('next_attempt_at', 'bigint').execute();
      await db.schema.alterTable('messages').addColumn('claimed_until', 'bigint').execute();
      await db.schema.alterTable('messages').addColumn('claim', 'text').execute();
      await db.schema.alterTable('messages').addColumn('last_error', 'text').execute();
      await db.schema.alterTable('messages').addColumn('delivered_at', 'bigint').execute();
      await db.schema
        .createIndex('messages_due')
        .on('messages')
        .columns(['status', 'next_attempt_at'])
        .execute();
      await db.schema.alterTable('app_activations').addColumn('answered_step', 'text').execute();
      await db.schema.alterTable('app_activations').addColumn('answer_request', 'text').execute();
      await db.schema.alterTable('app_activations').addColumn('answer', 'text').execute();
    },
  },
  '0014_rate_counters': {
    // Fixed-window counters of the limits that protect a credential or a client (per device, per
    // client), shared by every node (src/platform/http/RateCounters.ts).
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('rate_counters')
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('window_start', 'bigint', (c) => c.notNull())
        .addColumn('hits', 'integer', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('rate_counters_pk', ['scope', 'key', 'window_start'])
        .execute();
      await db.schema.createIndex('rate_counters_expires').on('rate_counters').column('expires_at').execute();
    },
  },
  '0015_enrollment_browser_expiry': {
    // The wizard's browser binding has its own, short life (docs/protocols/enrollment.md): it ends
    // after 15 minutes without a request from that browser, or when the bank tells MitID that the
    // customer logged out. Null: no browser may use the flow (flows bound before this migration
    // ask for the person again, which loses nothing).
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('enrollments').addColumn('browser_expires_at', 'bigint').execute();
    },
  },
  '0017_keys': {
    // The key store every node shares (src/platform/keys): cookie key, server secret, OPAQUE setup.
    async up(db: Kysely<unknown>): Promise<void> {
      await createKeysTable(db);
    },
  },
  '0018_signed_requests_by_device': {
    // The replay records are also each device's budget of signed calls (routes/signedDevice.ts):
    // the device's records of the last minute are counted on every signed call.
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createIndex('app_signed_requests_device')
        .on('app_signed_requests')
        .columns(['device_id', 'expires_at'])
        .execute();
    },
  },
  '0019_clients': clientsMigration,
  '0020_authenticators': authenticatorsMigration,
  '0021_authentications': authenticationsMigration,
  '0022_oidc_store': oidcStoreMigration,
  '0023_oidc_clients': oidcClientsMigration,
  '0024_activity': activityMigration,
  '0026_ciba': cibaMigration,
  '0028_cpr_matches': cprMatchesMigration,
  '0029_backchannel_logouts': backchannelLogoutsMigration,
  '0030_code_devices': codeDevicesMigration,
  '0031_passwords': passwordsMigration,
  '0032_chip': chipMigration,
  '0033_order_fulfilment': orderFulfilmentMigration,
  '0034_gates': gatesMigration,
  '0035_box_decoys': boxDecoysMigration,
  '0036_staff': staffMigration,
};
