/**
 * The adapter contract of oidc-provider (example/my_adapter.js) on every database the service
 * runs on: each method, for every model; expiry by the injected clock; consume once, also when
 * raced; revocation by grant; payloads that come back as they went in; racing upserts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AdapterPayload } from 'oidc-provider';
import type { MitidDb } from '../../core/db/index.ts';
import { TestClock } from '../../platform/clock.ts';
import { dialectsUnderTest, openTestDatabase, type TestDatabase } from '../../platform/db/testDb.ts';
import { mitidMigrations } from '../../roots/mitid/db/migrations.ts';
import { OIDC_MODELS, OidcAdapter, type OidcModel, oidcAdapterFactory, sweepOidcPayloads } from './index.ts';

/** The models whose tokens belong to a grant (the ones helpers/revoke.js revokes by grant). */
const GRANT_TOKENS = [
  'AccessToken',
  'RefreshToken',
  'AuthorizationCode',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
  'PreAuthorizedCode',
] as const satisfies readonly OidcModel[];

/** A payload with what makes JSON and two databases disagree, if anything does. */
const tricky = (jti: string, more: Partial<AdapterPayload> = {}): AdapterPayload => ({
  jti,
  kind: 'AccessToken',
  iat: 1_795_510_800,
  exp: 1_795_514_400,
  accountId: 'Åse Ærø-Øster 😀',
  clientId: 'minbank',
  scope: 'openid mitid ssn',
  claims: { id_token: { 'mitid.identity_name': { essential: true } }, userinfo: { 'dk.cpr': null } },
  amr: ['app', 'pin'],
  extra: {
    text: 'Log på Min Bank\n«citat» \u0000 \u2028 \t \\ "quoted" \ud800 𝄞',
    zero: 0,
    negative: -1.5,
    big: 2 ** 53 - 1,
    flag: false,
    nothing: null,
    empty: {},
    list: [],
    deep: { a: [{ b: { c: ['d'] } }] },
  },
  ...more,
});

for (const dialect of await dialectsUnderTest()) {
  describe(`oidc-provider adapter on ${dialect}`, () => {
    // One database per dialect, emptied before each test: a fresh PostgreSQL schema per test
    // costs seconds of migrations, and the tests here share nothing but the table.
    let database: TestDatabase<MitidDb>;
    before(async () => {
      database = await openTestDatabase<MitidDb>(dialect, mitidMigrations);
    });
    after(() => database.close());

    const withStore = async (
      fn: (s: {
        adapter: (model: OidcModel) => OidcAdapter;
        clock: TestClock;
        database: TestDatabase<MitidDb>;
        rows: () => Promise<{ model: string; id: string; grant_id: string | null }[]>;
      }) => Promise<void>,
    ) => {
      await database.db.deleteFrom('oidc_payloads').execute();
      const clock = new TestClock();
      const factory = oidcAdapterFactory({ db: database.db, clock });
      const rows = () =>
        database.db
          .selectFrom('oidc_payloads')
          .select(['model', 'id', 'grant_id'])
          .orderBy('model')
          .orderBy('id')
          .execute()
          // node:sqlite's rows have no prototype; deepEqual wants plain objects.
          .then((found) => found.map((r) => ({ ...r })));
      await fn({ adapter: factory, clock, database, rows });
    };

    test('every model stores and finds its payload exactly as given (unicode, NUL, nesting)', () =>
      withStore(async ({ adapter }) => {
        for (const model of OIDC_MODELS) {
          const payload = tricky(`${model}-1`, { kind: model });
          await adapter(model).upsert(`${model}-1`, payload, 600);
          assert.deepEqual(await adapter(model).find(`${model}-1`), payload, model);
        }
      }));

    test('a model sees only its own instances: the same id in two models is two instances', () =>
      withStore(async ({ adapter, rows }) => {
        await adapter('AccessToken').upsert('same', tricky('same'), 600);
        await adapter('AuthorizationCode').upsert('same', tricky('same', { kind: 'AuthorizationCode' }), 600);
        assert.equal((await adapter('AccessToken').find('same'))?.kind, 'AccessToken');
        assert.equal((await adapter('AuthorizationCode').find('same'))?.kind, 'AuthorizationCode');
        assert.equal(await adapter('RefreshToken').find('same'), undefined);
        await adapter('AccessToken').destroy('same');
        assert.equal(await adapter('AccessToken').find('same'), undefined);
        assert.equal((await adapter('AuthorizationCode').find('same'))?.kind, 'AuthorizationCode');
        assert.deepEqual(await rows(), [{ model: 'AuthorizationCode', id: 'same', grant_id: null }]);
      }));

    test('find answers nothing for an unknown id, an id of SQL text, or a value that is no string', () =>
      withStore(async ({ adapter }) => {
        await adapter('Session').upsert("x' OR '1'='1", tricky("x' OR '1'='1", { kind: 'Session' }), 600);
        await adapter('Session').upsert('other', tricky('other', { kind: 'Session' }), 600);
        assert.equal(await adapter('Session').find('unknown'), undefined);
        assert.equal(await adapter('Session').find("' OR '1'='1"), undefined);
        assert.equal((await adapter('Session').find("x' OR '1'='1"))?.jti, "x' OR '1'='1");
        assert.equal(await adapter('Session').find(undefined as unknown as string), undefined);
        assert.equal(await adapter('Session').findByUid({ $ne: '' } as unknown as string), undefined);
      }));

    test('an instance is found until its expiresIn has passed on the clock, and not after', () =>
      withStore(async ({ adapter, clock }) => {
        const code = adapter('AuthorizationCode');
        await code.upsert('c1', tricky('c1'), 60);
        clock.advance(59_999);
        assert.equal((await code.find('c1'))?.jti, 'c1');
        clock.advance(1);
        assert.equal(await code.find('c1'), undefined);
      }));

    test('without expiresIn an instance lives until destroyed', () =>
      withStore(async ({ adapter, clock }) => {
        const clients = adapter('Client');
        const client = { client_id: 'borger', redirect_uris: ['https://borger.localhost/cb'] };
        await clients.upsert('borger', client);
        clock.advance(10 * 365 * 24 * 3600_000);
        assert.deepEqual(await clients.find('borger'), client);
        await clients.destroy('borger');
        assert.equal(await clients.find('borger'), undefined);
      }));

    test('findByUid finds a session by its uid, within its expiry, and follows an upsert', () =>
      withStore(async ({ adapter, clock }) => {
        const sessions = adapter('Session');
        await sessions.upsert('s1', tricky('s1', { kind: 'Session', uid: 'uid-1' }), 120);
        assert.equal((await sessions.findByUid('uid-1'))?.jti, 's1');
        assert.equal(await sessions.findByUid('uid-2'), undefined);
        // The same id saved with another uid is found by the new uid only.
        await sessions.upsert('s1', tricky('s1', { kind: 'Session', uid: 'uid-2' }), 120);
        assert.equal(await sessions.findByUid('uid-1'), undefined);
        assert.equal((await sessions.findByUid('uid-2'))?.jti, 's1');
        // Another model's instance with the same uid is not a session.
        await adapter('Interaction').upsert('i1', tricky('i1', { kind: 'Interaction', uid: 'uid-3' }), 120);
        assert.equal(await sessions.findByUid('uid-3'), undefined);
        clock.advance(120_000);
        assert.equal(await sessions.findByUid('uid-2'), undefined);
      }));

    test('findByUserCode finds a device code by its user code, within its expiry', () =>
      withStore(async ({ adapter, clock }) => {
        const devices = adapter('DeviceCode');
        await devices.upsert('d1', tricky('d1', { kind: 'DeviceCode', userCode: 'BCDF-GHJK' }), 600);
        assert.equal((await devices.findByUserCode('BCDF-GHJK'))?.jti, 'd1');
        assert.equal(await devices.findByUserCode('bcdf-ghjk'), undefined);
        assert.equal(await adapter('AccessToken').findByUserCode('BCDF-GHJK'), undefined);
        clock.advance(600_000);
        assert.equal(await devices.findByUserCode('BCDF-GHJK'), undefined);
      }));

    test('an upsert replaces the payload and the expiry, and leaves one row', () =>
      withStore(async ({ adapter, clock, rows }) => {
        const grants = adapter('Grant');
        await grants.upsert('g1', tricky('g1', { kind: 'Grant', scope: 'openid' }), 60);
        clock.advance(50_000);
        await grants.upsert('g1', tricky('g1', { kind: 'Grant', scope: 'openid mitid' }), 60);
        clock.advance(50_000);
        assert.equal((await grants.find('g1'))?.scope, 'openid mitid');
        assert.equal((await rows()).length, 1);
      }));

    test('consume marks once: the second consume is refused as invalid_grant and changes nothing', () =>
      withStore(async ({ adapter, clock }) => {
        const codes = adapter('AuthorizationCode');
        const payload = tricky('c1', { kind: 'AuthorizationCode', grantId: 'g1' });
        await codes.upsert('c1', payload, 60);
        await codes.consume('c1');
        const consumedAt = Math.floor(clock.now().getTime() / 1000);
        assert.deepEqual(await codes.find('c1'), { ...payload, consumed: consumedAt });
        clock.advance(5_000);
        await assert.rejects(codes.consume('c1'), { error: 'invalid_grant', status: 400 });
        assert.equal((await codes.find('c1'))?.consumed, consumedAt);
        // A save after the consume (the library re-saves models) does not make it usable again.
        await codes.upsert('c1', payload, 60);
        assert.equal((await codes.find('c1'))?.consumed, consumedAt);
      }));

    test('consume of an instance that is not stored is refused; a pushed request as invalid_request_uri', () =>
      withStore(async ({ adapter }) => {
        await assert.rejects(adapter('RefreshToken').consume('never-stored'), { error: 'invalid_grant' });
        const par = adapter('PushedAuthorizationRequest');
        await par.upsert('p1', tricky('p1', { kind: 'PushedAuthorizationRequest' }), 60);
        await par.consume('p1');
        await assert.rejects(par.consume('p1'), { error: 'invalid_request_uri' });
      }));

    test('of eight consumes of one code at once exactly one succeeds', () =>
      withStore(async ({ adapter }) => {
        const codes = adapter('AuthorizationCode');
        await codes.upsert('c1', tricky('c1', { kind: 'AuthorizationCode' }), 60);
        const results = await Promise.allSettled(Array.from({ length: 8 }, () => codes.consume('c1')));
        assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
        for (const r of results) {
          if (r.status === 'rejected') assert.equal((r.reason as { error?: string }).error, 'invalid_grant');
        }
      }));

    test('destroy removes the one instance and nothing else', () =>
      withStore(async ({ adapter, rows }) => {
        const tokens = adapter('AccessToken');
        await tokens.upsert('a1', tricky('a1', { grantId: 'g1' }), 60);
        await tokens.upsert('a2', tricky('a2', { grantId: 'g1' }), 60);
        await tokens.destroy('a1');
        await tokens.destroy('not-there');
        assert.equal(await tokens.find('a1'), undefined);
        assert.deepEqual(await rows(), [{ model: 'AccessToken', id: 'a2', grant_id: 'g1' }]);
      }));

    test('revokeByGrantId on each model of a grant removes every token of the grant, and no other', () =>
      withStore(async ({ adapter, rows }) => {
        for (const model of GRANT_TOKENS) {
          await adapter(model).upsert(
            `${model}-g1`,
            tricky(`${model}-g1`, { kind: model, grantId: 'g1' }),
            600,
          );
          await adapter(model).upsert(
            `${model}-g2`,
            tricky(`${model}-g2`, { kind: model, grantId: 'g2' }),
            600,
          );
        }
        await adapter('Grant').upsert('g1', tricky('g1', { kind: 'Grant' }), 600);
        // One model's call removes that model's tokens only (helpers/revoke.js picks the models).
        await adapter('AccessToken').revokeByGrantId('g1');
        assert.equal(await adapter('AccessToken').find('AccessToken-g1'), undefined);
        assert.equal((await adapter('RefreshToken').find('RefreshToken-g1'))?.grantId, 'g1');
        // As the library revokes a grant: every model holding tokens, then the Grant by its id.
        for (const model of GRANT_TOKENS) await adapter(model).revokeByGrantId('g1');
        await adapter('Grant').destroy('g1');
        const left = await rows();
        assert.deepEqual(
          left.map((r) => r.grant_id),
          GRANT_TOKENS.map(() => 'g2'),
        );
        for (const model of GRANT_TOKENS) {
          assert.equal(await adapter(model).find(`${model}-g1`), undefined, model);
          assert.equal((await adapter(model).find(`${model}-g2`))?.grantId, 'g2', model);
        }
      }));

    test('twenty upserts of one id at once leave one row, whole: its columns are its payload’s', () =>
      withStore(async ({ adapter, database, rows }) => {
        const sessions = adapter('Session');
        await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            sessions.upsert(
              's1',
              tricky('s1', { kind: 'Session', uid: `uid-${i}`, grantId: `g-${i}` }),
              60 + i,
            ),
          ),
        );
        assert.equal((await rows()).length, 1);
        const found = await sessions.find('s1');
        assert.ok(found);
        const i = Number(String(found.uid).slice('uid-'.length));
        assert.deepEqual(found, tricky('s1', { kind: 'Session', uid: `uid-${i}`, grantId: `g-${i}` }));
        const row = await database.db
          .selectFrom('oidc_payloads')
          .select(['uid', 'grant_id', 'expires_at'])
          .executeTakeFirstOrThrow();
        assert.deepEqual(
          { ...row },
          {
            uid: `uid-${i}`,
            grant_id: `g-${i}`,
            expires_at: new TestClock().now().getTime() + (60 + i) * 1000,
          },
        );
      }));

    test('the sweep deletes what has expired on the clock, and keeps the rest', () =>
      withStore(async ({ adapter, clock, database, rows }) => {
        await adapter('Interaction').upsert('i1', tricky('i1', { kind: 'Interaction' }), 60);
        await adapter('ReplayDetection').upsert('r1', tricky('r1', { kind: 'ReplayDetection' }), 120);
        await adapter('Client').upsert('c1', { client_id: 'c1' });
        assert.equal(await sweepOidcPayloads(database.db, clock.now().getTime()), 0);
        clock.advance(60_000);
        assert.equal(await sweepOidcPayloads(database.db, clock.now().getTime()), 1);
        assert.deepEqual(
          (await rows()).map((r) => r.model),
          ['Client', 'ReplayDetection'],
        );
      }));

    test('an unknown model, or an expiry that is no number of seconds, is refused and writes nothing', () =>
      withStore(async ({ adapter, database, rows }) => {
        assert.throws(() => new OidcAdapter('Sessions', { db: database.db, clock: new TestClock() }), {
          name: 'TypeError',
          message: /unknown model "Sessions"/,
        });
        await assert.rejects(adapter('AccessToken').upsert('a1', tricky('a1'), Number.NaN), TypeError);
        await assert.rejects(
          adapter('AccessToken').upsert('a1', tricky('a1'), Number.POSITIVE_INFINITY),
          TypeError,
        );
        assert.deepEqual(await rows(), []);
      }));
  });
}
