/**
 * oidc-provider's storage on the MitID service's database (SQLite or PostgreSQL, through Kysely):
 * the adapter contract of the library's example adapter (example/my_adapter.js), one instance per
 * model, all in the table oidc_payloads (migration 0022_oidc_store). Rules:
 * - an instance is named by (model, id): the adapter of one model never sees another's rows;
 * - upsert is one INSERT … ON CONFLICT DO UPDATE, so upserts of one id race to one row, never two
 *   and never an error; the payload is stored whole as JSON and comes back as it went in;
 * - expiry is the injected clock's (`expiresIn` seconds from the upsert): an instance past its
 *   expires_at is never found, even before the sweep deletes it; without `expiresIn` it lives
 *   until destroyed (a dynamically registered Client);
 * - consume is one conditional UPDATE (`consumed_at IS NULL`): of two consumes exactly one
 *   succeeds; the other, and a consume of an instance that is gone, is refused with the OAuth
 *   error the library gives for a used one (invalid_grant; invalid_request_uri for a pushed
 *   request). The library checks `consumed` after a find and consumes after its checks, so two
 *   token requests with one code could both pass its check; the UPDATE is what lets one through;
 * - a consumed instance stays consumed: a later upsert keeps consumed_at;
 * - revokeByGrantId deletes this model's instances of the grant (the library calls it on each
 *   model that holds tokens of a grant, helpers/revoke.js, and destroys the Grant by its id).
 */
import type { Kysely } from 'kysely';
import { type Adapter, type AdapterPayload, errors } from 'oidc-provider';
import type { Clock } from '../../platform/clock.ts';
import { precompile } from '../../platform/db/precompiled.ts';
import type { OidcDb } from './tables.ts';

// Each login runs about thirty of these (the library finds and saves its models on every
// request), so they are precompiled (src/platform/db/precompiled.ts): no query building per call.

const upsertPayload = precompile<
  OidcDb,
  {
    model: string;
    id: string;
    payload: string;
    grantId: string | null;
    userCode: string | null;
    uid: string | null;
    expiresAt: number | null;
  },
  never
>((db, p) =>
  db
    .insertInto('oidc_payloads')
    .values({
      model: p('model'),
      id: p('id'),
      payload: p('payload'),
      grant_id: p('grantId'),
      user_code: p('userCode'),
      uid: p('uid'),
      expires_at: p('expiresAt'),
      consumed_at: null,
    })
    .onConflict((oc) =>
      oc.columns(['model', 'id']).doUpdateSet({
        payload: (eb) => eb.ref('excluded.payload'),
        grant_id: (eb) => eb.ref('excluded.grant_id'),
        user_code: (eb) => eb.ref('excluded.user_code'),
        uid: (eb) => eb.ref('excluded.uid'),
        expires_at: (eb) => eb.ref('excluded.expires_at'),
      }),
    ),
);

// At most one row matches by id (the key). A user code or uid is one instance's, but for the
// moment a Session saved under a new id has not yet deleted its old one (models/session.js):
// either row then holds the same session.
const findPayloadBy = (column: 'id' | 'user_code' | 'uid') =>
  precompile<
    OidcDb,
    { model: string; value: string; now: number },
    { payload: string; consumed_at: number | null }
  >((db, p) =>
    db
      .selectFrom('oidc_payloads')
      .select(['payload', 'consumed_at'])
      .where('model', '=', p('model'))
      .where(column, '=', p('value'))
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', p('now'))]))
      .limit(1),
  );
const findPayload = {
  id: findPayloadBy('id'),
  user_code: findPayloadBy('user_code'),
  uid: findPayloadBy('uid'),
};

const consumePayload = precompile<OidcDb, { model: string; id: string; now: number }, never>((db, p) =>
  db
    .updateTable('oidc_payloads')
    .set({ consumed_at: p('now') })
    .where('model', '=', p('model'))
    .where('id', '=', p('id'))
    .where('consumed_at', 'is', null),
);

const destroyPayload = precompile<OidcDb, { model: string; id: string }, never>((db, p) =>
  db.deleteFrom('oidc_payloads').where('model', '=', p('model')).where('id', '=', p('id')),
);

/**
 * Every model oidc-provider 9.13.3 stores through its adapter (the Provider's model getters but
 * Claims, BaseToken and IdToken, which are never stored). The end-to-end test checks this list
 * against the library, so a new model in an upgrade fails a test before it fails a login.
 */
export const OIDC_MODELS = [
  'Session',
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'ClientCredentials',
  'Client',
  'InitialAccessToken',
  'RegistrationAccessToken',
  'Interaction',
  'ReplayDetection',
  'PushedAuthorizationRequest',
  'Grant',
  'BackchannelAuthenticationRequest',
  'PreAuthorizedCode',
] as const;
export type OidcModel = (typeof OIDC_MODELS)[number];

const isModel = (name: string): name is OidcModel => (OIDC_MODELS as readonly string[]).includes(name);

export interface OidcStoreDeps {
  /** Any database with the oidc_payloads table (Kysely's types are invariant in the schema). */
  db: Kysely<OidcDb> | { withTables: unknown };
  clock: Clock;
}

/** The payload as found: as stored, with `consumed` (epoch seconds, as the library's) once consumed. */
type Found = AdapterPayload | undefined;

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The refusal of a consume that lost: the library's own error for a used instance of the model. */
const alreadyUsed = (model: OidcModel): Error =>
  model === 'PushedAuthorizationRequest'
    ? new errors.InvalidRequestUri('request_uri is invalid, expired, or was already used')
    : new errors.InvalidGrant(`${model} already consumed or no longer stored`);

export class OidcAdapter implements Adapter {
  readonly model: OidcModel;
  readonly #db: Kysely<OidcDb>;
  readonly #clock: Clock;

  constructor(model: string, deps: OidcStoreDeps) {
    if (!isModel(model)) {
      throw new TypeError(`oidc-provider asked to store an unknown model "${model}": add it to OIDC_MODELS`);
    }
    this.model = model;
    this.#db = deps.db as Kysely<OidcDb>;
    this.#clock = deps.clock;
  }

  /** Stores the instance for `expiresIn` seconds from now (no expiry without it). */
  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    if (expiresIn !== undefined && !Number.isFinite(expiresIn)) {
      throw new TypeError(`${this.model} ${id}: expiresIn must be a number of seconds, not ${expiresIn}`);
    }
    await upsertPayload.execute(this.#db, {
      model: this.model,
      id,
      payload: JSON.stringify(payload),
      grantId: text(payload.grantId),
      userCode: text(payload.userCode),
      uid: text(payload.uid),
      expiresAt: expiresIn === undefined ? null : this.#now() + Math.round(expiresIn * 1000),
    });
  }

  find(id: string): Promise<Found> {
    return this.#findBy('id', id);
  }

  /** A DeviceCode by the code the person typed. */
  findByUserCode(userCode: string): Promise<Found> {
    return this.#findBy('user_code', userCode);
  }

  /** A Session by its uid, which stays when the session's id changes. */
  findByUid(uid: string): Promise<Found> {
    return this.#findBy('uid', uid);
  }

  /** Marks the instance consumed, once: see the rules above. */
  async consume(id: string): Promise<void> {
    const changed = await consumePayload.affected(this.#db, { model: this.model, id, now: this.#now() });
    if (changed !== 1) throw alreadyUsed(this.model);
  }

  async destroy(id: string): Promise<void> {
    await destroyPayload.execute(this.#db, { model: this.model, id });
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.#db
      .deleteFrom('oidc_payloads')
      .where('model', '=', this.model)
      .where('grant_id', '=', grantId)
      .execute();
  }

  #now(): number {
    return this.#clock.now().getTime();
  }

  async #findBy(column: 'id' | 'user_code' | 'uid', value: string): Promise<Found> {
    // The library passes what a request carried; anything but a string names nothing.
    if (typeof value !== 'string') return undefined;
    const row = await findPayload[column].takeFirst(this.#db, { model: this.model, value, now: this.#now() });
    if (!row) return undefined;
    const payload = JSON.parse(row.payload) as AdapterPayload;
    return row.consumed_at === null ? payload : { ...payload, consumed: Math.floor(row.consumed_at / 1000) };
  }
}

/** The `adapter` option of oidc-provider's configuration: one OidcAdapter per model, on one database. */
export function oidcAdapterFactory(deps: OidcStoreDeps): (model: string) => OidcAdapter {
  return (model) => new OidcAdapter(model, deps);
}

/** Deletes every instance expired at `now` (for the service's sweep); returns how many. */
export async function sweepOidcPayloads(db: OidcStoreDeps['db'], now: number): Promise<number> {
  const r = await (db as Kysely<OidcDb>)
    .deleteFrom('oidc_payloads')
    .where('expires_at', '<=', now)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
