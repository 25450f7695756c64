/**
 * 0021_authentications (docs/decisions/0010 §2.3): one stored object for every authentication,
 * whatever the authenticator, replacing app_transactions. Copy rules: every row, ids kept (the
 * digests, the sealed PIN logins and the devices' signatures name them); status as it was;
 * kinds ["app"], channel 'api', channel_verified_at = created_at, requested_level = level,
 * requires_uv = requires_pin, pin_* → step_*; a decided row keeps its device as authenticator_id
 * and its signature as evidence; an approved one gets its result from its method: pin →
 * possession + knowledge, amr app + pin; biometrics → possession + inherence, app + biometrics;
 * none → possession, app; aal = level, loa = min(ial, aal). Then app_transactions is dropped.
 * client_id is a plain column: the client registry (0019_clients) is another package's.
 */
import { type Kysely, type Migration, sql } from 'kysely';

export const authenticationsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('authentications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('client_id', 'text', (c) => c.notNull())
      .addColumn('identity_id', 'text', (c) => c.references('identities.id').onDelete('cascade'))
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('service_name', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('details', 'text')
      .addColumn('requested_level', 'text', (c) => c.notNull())
      .addColumn('requires_uv', 'integer', (c) => c.notNull())
      .addColumn('kinds', 'text', (c) => c.notNull())
      .addColumn('digest', 'text', (c) => c.notNull())
      .addColumn('challenge', 'text')
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('browser_hash', 'text')
      .addColumn('interaction_id', 'text', (c) => c.unique())
      .addColumn('channel_secret', 'text')
      .addColumn('channel_verified_at', 'bigint')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('cancel_reason', 'text')
      .addColumn('step_authenticator_id', 'text')
      .addColumn('step_state', 'text')
      .addColumn('proofs', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('authenticator_id', 'text')
      .addColumn('kind', 'text')
      .addColumn('factors', 'text')
      .addColumn('amr', 'text')
      .addColumn('aal', 'text')
      .addColumn('loa', 'text')
      .addColumn('evidence', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('decided_at', 'bigint')
      .addColumn('consumed_at', 'bigint')
      .addCheckConstraint(
        'authentications_action_known',
        sql`action in ('login', 'approve', 'confirm', 'accept', 'sign')`,
      )
      .addCheckConstraint(
        'authentications_status_known',
        sql`status in ('awaiting_channel', 'pending', 'approved', 'rejected', 'cancelled')`,
      )
      .addCheckConstraint('authentications_channel_known', sql`channel in ('api', 'browser', 'ciba')`)
      .addCheckConstraint(
        'authentications_level_known',
        sql`requested_level in ('low', 'substantial', 'high')`,
      )
      .execute();
    await db.schema
      .createIndex('authentications_identity_status')
      .on('authentications')
      .columns(['identity_id', 'status'])
      .execute();
    await db.schema
      .createIndex('authentications_client_created')
      .on('authentications')
      .columns(['client_id', 'created_at'])
      .execute();
    await db.schema
      .createIndex('authentications_expires')
      .on('authentications')
      .column('expires_at')
      .execute();

    const approved = sql.raw(`t.status = 'approved'`);
    const factors = sql.raw(`case t.method when 'pin' then '["possession","knowledge"]'
      when 'biometrics' then '["possession","inherence"]' else '["possession"]' end`);
    const methods = sql.raw(`case t.method when 'pin' then '["app","pin"]'
      when 'biometrics' then '["app","biometrics"]' else '["app"]' end`);
    await sql`
      insert into authentications (id, client_id, identity_id, action, service_name, text, details,
        requested_level, requires_uv, kinds, digest, challenge, channel, browser_hash, interaction_id,
        channel_secret, channel_verified_at, status, cancel_reason, step_authenticator_id, step_state,
        proofs, authenticator_id, kind, factors, amr, aal, loa, evidence,
        created_at, expires_at, decided_at, consumed_at)
      select t.id, t.client_id, t.identity_id, t.action, t.service_name, t.text, null,
        t.level, t.requires_pin, '["app"]', t.digest, t.challenge, 'api', null, null,
        null, t.created_at, t.status, null, t.pin_device_id, t.pin_login_state,
        case when ${approved} then '[{"authenticatorId":"' || t.decided_by || '","kind":"app","factors":'
          || ${factors} || ',"methods":' || ${methods} || ',"at":' || t.decided_at || '}]' else '[]' end,
        t.decided_by,
        case when t.decided_by is not null then 'app' else null end,
        case when ${approved} then ${factors} else null end,
        case when ${approved} then ${methods} else null end,
        case when ${approved} then t.level else null end,
        case when not (${approved}) then null
          when i.ial = 'low' then 'low'
          when t.level = 'substantial' or i.ial = 'substantial' then 'substantial' else 'high' end,
        case when t.signature is not null then '{"signature":"' || t.signature || '"}' else null end,
        t.created_at, t.expires_at, t.decided_at, null
      from app_transactions t left join identities i on i.id = t.identity_id`.execute(db);
    await db.schema.dropTable('app_transactions').execute();
  },
};
