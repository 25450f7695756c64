/**
 * 0020_authenticators (docs/decisions/0010 §2.2): one `authenticators` row per authenticator of
 * any kind, holding its status and what it gives; the app's own data references it.
 *   authenticators   new; a row per app_devices row: active and blocked as they were, removed →
 *                    revoked; label = name; activated_at = created_at; all three factors, max
 *                    level high
 *   app_pins         new: the PIN's OPAQUE record and its counter, from app_devices' PIN columns
 *   app_devices      rebuilt, keyed by authenticator_id: public key, users in the app, WebAuthn.
 *                    Gone: identity_id, name, status, notify_every_use, the PIN columns
 *   identities       + notify_every_use (the person's "besked hver gang": 1 when any of their
 *                    active devices had it), + ial (how the person was identified; 'substantial')
 * The same SQL on SQLite and PostgreSQL; copies are made before the drop (foreign keys stay on).
 */
import { type Kysely, type Migration, sql } from 'kysely';

export const authenticatorsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('authenticators')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('identity_id', 'text', (c) => c.notNull().references('identities.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('factors', 'text', (c) => c.notNull())
      .addColumn('max_level', 'text', (c) => c.notNull())
      .addColumn('blocked_reason', 'text')
      .addColumn('blocked_by', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('activated_at', 'bigint', (c) => c.notNull())
      .addColumn('blocked_at', 'bigint')
      .addColumn('revoked_at', 'bigint')
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addCheckConstraint(
        'authenticators_kind_known',
        sql`kind in ('app', 'codeDisplay', 'codeReader', 'chip', 'password')`,
      )
      .addCheckConstraint('authenticators_status_known', sql`status in ('active', 'blocked', 'revoked')`)
      .addCheckConstraint('authenticators_level_known', sql`max_level in ('low', 'substantial', 'high')`)
      .execute();
    await db.schema
      .createIndex('authenticators_identity_kind_status')
      .on('authenticators')
      .columns(['identity_id', 'kind', 'status'])
      .execute();
    await sql`
      insert into authenticators (id, identity_id, kind, status, label, factors, max_level,
        blocked_reason, blocked_by, created_at, activated_at, blocked_at, revoked_at, updated_at)
      select id, identity_id, 'app',
        case status when 'removed' then 'revoked' else status end,
        name, '["possession","knowledge","inherence"]', 'high',
        case status when 'blocked' then 'support' else null end,
        case status when 'blocked' then 'system' else null end,
        created_at, created_at,
        case status when 'blocked' then updated_at else null end,
        case status when 'removed' then updated_at else null end,
        updated_at
      from app_devices`.execute(db);

    await db.schema
      .createTable('app_pins')
      .addColumn('authenticator_id', 'text', (c) =>
        c.primaryKey().references('authenticators.id').onDelete('cascade'),
      )
      .addColumn('opaque_record', 'text', (c) => c.notNull())
      .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('blocked_until', 'bigint')
      .addColumn('registered_at', 'bigint', (c) => c.notNull())
      .addCheckConstraint('app_pins_failures_range', sql`failures >= 0`)
      .execute();
    await sql`
      insert into app_pins (authenticator_id, opaque_record, failures, blocked_until, registered_at)
      select id, opaque_record, pin_failures, pin_blocked_until, created_at from app_devices`.execute(db);

    await db.schema
      .alterTable('identities')
      .addColumn('notify_every_use', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .alterTable('identities')
      .addColumn('ial', 'text', (c) => c.notNull().defaultTo('substantial'))
      .execute();
    await sql`
      update identities set notify_every_use = 1
      where exists (select 1 from app_devices d
        where d.identity_id = identities.id and d.status = 'active' and d.notify_every_use = 1)`.execute(db);

    await db.schema
      .createTable('app_devices_new')
      .addColumn('authenticator_id', 'text', (c) =>
        c.primaryKey().references('authenticators.id').onDelete('cascade'),
      )
      .addColumn('public_key', 'text', (c) => c.notNull())
      .addColumn('users_in_app', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('webauthn_credential_id', 'text')
      .addColumn('webauthn_public_key', 'text')
      .addColumn('webauthn_counter', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('webauthn_challenge', 'text')
      .addColumn('webauthn_challenge_expires_at', 'bigint')
      .execute();
    await sql`
      insert into app_devices_new (authenticator_id, public_key, users_in_app, webauthn_credential_id,
        webauthn_public_key, webauthn_counter, webauthn_challenge, webauthn_challenge_expires_at)
      select id, public_key, users_in_app, webauthn_credential_id, webauthn_public_key, webauthn_counter,
        webauthn_challenge, webauthn_challenge_expires_at
      from app_devices`.execute(db);
    await db.schema.dropTable('app_devices').execute();
    await db.schema.alterTable('app_devices_new').renameTo('app_devices').execute();
  },
};
