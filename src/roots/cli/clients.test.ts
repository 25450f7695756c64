/**
 * The clients CLI run as an operator runs it: a child process on a fresh data folder (SQLite), or
 * on a fresh PostgreSQL database through DATABASE_URL; and a MitID service running in this process
 * on the same database, which refuses a client the CLI disabled within its registry's reload time
 * (its clock is advanced past the minute instead of waiting for it).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as opaque from '@serenity-kit/opaque';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { pino } from 'pino';
import { loadConfig } from '../../config/config.ts';
import { loadFileSecrets, loadMitidSecrets, type Secrets, serverSecretOf } from '../../config/secrets.ts';
import { clientSecretHash, deriveClientSecretKey } from '../../core/clients/index.ts';
import type { MitidDb } from '../../core/db/index.ts';
import { catalogue } from '../../i18n/catalogue.ts';
import { systemClock, TestClock } from '../../platform/clock.ts';
import { type Database, type Dialect, openDatabase } from '../../platform/db/database.ts';
import { dialectsUnderTest, testPostgresUrl } from '../../platform/db/testDb.ts';
import { KeyStore } from '../../platform/keys/KeyStore.ts';
import { KEY_RELOAD_MS } from '../../platform/keys/keyPurposes.ts';
import { cryptoRandom } from '../../platform/random.ts';
import { buildMitidApp } from '../mitid/app.ts';

const cli = path.join(path.dirname(fileURLToPath(import.meta.url)), 'clients.ts');

interface Run {
  code: number | null;
  out: string;
  err: string;
}

function runWith(env: Record<string, string>, args: string[]): Run {
  const res = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', cli, ...args], {
    env: { ...process.env, LANG: 'en_GB.UTF-8', LC_ALL: '', LC_MESSAGES: '', ...env },
    encoding: 'utf8',
  });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

const secretOf = (r: Run): { secretId: string; secret: string } => {
  const secretId = /^ {2}secret id +(\S+)$/m.exec(r.out)?.[1];
  const secret = /^ {2}secret +(\S+)$/m.exec(r.out)?.[1];
  assert.ok(secretId && secret, r.out);
  return { secretId, secret };
};

/** A regular expression matching the text literally. */
const lit = (text: string): RegExp => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

const en = (reason: string): string =>
  (catalogue as Record<string, { en: string }>)[`clients.refusal.${reason}`]?.en ?? '';

test('--help prints the usage; bad arguments and bad fields: one line, exit 2, nothing written at all', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'clients-cli-'));
  try {
    const run = (...args: string[]) => runWith({ DATA_DIR: dataDir, DATABASE_URL: 'sqlite' }, args);
    const help = run('--help');
    assert.equal(help.code, 0);
    assert.match(help.out, /add --id <id> --name <name>/);
    assert.match(help.out, /revoke-secret <id> <secretId>/);
    const cases: [string[], RegExp][] = [
      [[], /A command is required/],
      [['frob'], /Unknown command "frob"/],
      [['add', '--name', 'Shop'], /--id is required/],
      [['add', '--id', 'shop'], /--name is required/],
      [['add', '--id', 'shop', '--name', 'Shop', '--secret', 'x'], /Unknown option '--secret'/],
      [['add', '--id', 'shop', '--name', 'Shop', 'extra'], /Unexpected argument "extra"/],
      [['add', '--id', 'Shop!', '--name', 'Shop'], new RegExp(en('invalidId'))],
      [['add', '--id', 'shop', '--name', 'Shop\u202e'], new RegExp(en('invalidName'))],
      [['add', '--id', 'shop', '--name', 'Shop', '--permission', 'everything'], /Unknown permission/],
      [
        ['add', '--id', 'shop', '--name', 'Shop', '--origin', 'https://shop.example/path'],
        /The origin must be/,
      ],
      [
        ['add', '--id', 'shop', '--name', 'Shop', '--redirect-uri', 'https://shop.example/cb#x'],
        /An address must/,
      ],
      [['list', 'extra'], /list takes no arguments/],
      [['remove'], /remove takes <id>/],
      [['add', '--id', 'rp', '--name', 'RP', '--cpr'], /--cpr needs --dialect/],
      [['add', '--id', 'rp', '--name', 'RP', '--dialect', 'nets'], lit(en('invalidDialect'))],
      [
        ['add', '--id', 'rp', '--name', 'RP', '--dialect', 'idura', '--auth-method', 'none'],
        lit(en('invalidAuthMethod')),
      ],
      [
        ['add', '--id', 'rp', '--name', 'RP', '--dialect', 'idura', '--auth-method', 'private_key_jwt'],
        lit(en('invalidJwks')),
      ],
      [
        ['add', '--id', 'rp', '--name', 'RP', '--dialect', 'idura', '--jwks-file', '/nonexistent/jwks.json'],
        /--jwks-file \/nonexistent\/jwks.json cannot be read as JSON/,
      ],
      [
        [
          'add',
          '--id',
          'rp',
          '--name',
          'RP',
          '--dialect',
          'idura',
          '--post-logout-uri',
          'javascript:alert(1)',
        ],
        /An address must/,
      ],
      [
        ['add', '--id', 'rp', '--name', 'RP', '--dialect', 'idura', '--sso-group', 'Demo Gruppe'],
        lit(en('invalidSsoGroup')),
      ],
      [
        [
          'add',
          '--id',
          'rp',
          '--name',
          'RP',
          '--dialect',
          'idura',
          '--backchannel-logout-uri',
          'ftp://rp.example/',
        ],
        /An address must/,
      ],
      [['add', '--id', 'rp', '--name', 'RP', '--sso-group', 'demo'], /--sso-group needs --dialect/],
      [['disable'], /disable takes <id>/],
      [['add-secret', 'a', 'b'], /add-secret takes <id>/],
      [['revoke-secret', 'shop'], /revoke-secret takes <id> <secretId>/],
    ];
    for (const [args, message] of cases) {
      const r = run(...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.err.trim().split('\n').length, 1, r.err);
      assert.match(r.err, message, args.join(' '));
      assert.equal(r.out, '', args.join(' '));
    }
    // Not even the database or the secrets file: nothing was opened.
    assert.deepEqual(readdirSync(dataDir), []);
    // In Danish when the operator's locale is Danish.
    const da = runWith({ DATA_DIR: dataDir, DATABASE_URL: 'sqlite', LANG: 'da_DK.UTF-8' }, [
      'add',
      '--id',
      'Shop!',
      '--name',
      'Shop',
    ]);
    assert.equal(da.code, 2);
    assert.equal(da.err.trim(), catalogue['clients.refusal.invalidId'].da);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

/** A fresh place for the CLI: a data folder, and for PostgreSQL a database of its own. */
async function freshPlace(dialect: Dialect) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'clients-cli-'));
  let url = 'sqlite';
  let dbName: string | undefined;
  const admin = async (sql: string): Promise<void> => {
    const c = new pg.Client({ connectionString: testPostgresUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  if (dialect === 'postgres') {
    dbName = `clients_cli_${randomBytes(4).toString('hex')}`;
    await admin(`CREATE DATABASE "${dbName}"`);
    const u = new URL(testPostgresUrl);
    u.pathname = `/${dbName}`;
    url = u.toString();
  }
  const env = { DATA_DIR: dataDir, DATABASE_URL: url };
  return {
    env,
    dataDir,
    run: (...args: string[]) => runWith(env, args),
    open: () => openDatabase<MitidDb>({ url, dataDir, name: 'mitid', poolSize: 2 }),
    async remove() {
      if (dbName) await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Every row of the registry's tables, for "nothing changed". */
async function registryRows(db: Database<MitidDb>['db']): Promise<string> {
  const clients = await db.selectFrom('clients').selectAll().orderBy('id').execute();
  const secrets = await db.selectFrom('client_secrets').selectAll().orderBy('id').execute();
  return JSON.stringify({ clients, secrets });
}

for (const dialect of await dialectsUnderTest()) {
  describe(`the clients CLI on ${dialect}`, () => {
    let place: Awaited<ReturnType<typeof freshPlace>>;
    let data: Database<MitidDb>;
    let first: { secretId: string; secret: string };

    before(async () => {
      place = await freshPlace(dialect);
    });
    after(async () => {
      await data?.close();
      await place.remove();
    });

    test('add prints the secret once; the database keeps only its keyed hash; list shows no secret', async () => {
      const added = place.run(
        'add',
        '--id',
        'shop',
        '--name',
        'Shop A/S',
        '--permission',
        'approvals.create',
        '--permission',
        'approvals.create',
        '--origin',
        'https://shop.example',
        '--redirect-uri',
        'https://shop.example/cb',
        '--redirect-uri',
        'https://shop.example/cb2',
      );
      assert.equal(added.code, 0, added.err);
      assert.match(added.out, /^Added client shop \(Shop A\/S\), active$/m);
      assert.match(added.out, /^ {2}permissions +approvals\.create$/m);
      assert.match(added.out, /^ {2}redirect URI +https:\/\/shop\.example\/cb2$/m);
      first = secretOf(added);
      assert.ok(first.secret.length >= 32);
      assert.equal(added.out.split(first.secret).length, 2, 'the secret is printed once');

      data = await place.open();
      const rows = await data.db
        .selectFrom('client_secrets')
        .selectAll()
        .where('client_id', '=', 'shop')
        .execute();
      assert.equal(rows.length, 1);
      // The keyed hash under the key derived from the server secret in the key store.
      const file = loadFileSecrets(loadConfig(place.env));
      const [server] = await new KeyStore(data.db as never, file.keyEncryptionKey, systemClock).versions(
        'server-secret',
      );
      const key = deriveClientSecretKey(server?.secret ?? '');
      assert.equal(rows[0]?.id, first.secretId);
      assert.equal(rows[0]?.hash, clientSecretHash(key, 'shop', first.secret));
      assert.equal(rows[0]?.source, 'admin');
      assert.ok(!(await registryRows(data.db)).includes(first.secret), 'the secret is in no column');
      if (dialect === 'sqlite') {
        // Nor in the files (free pages, the WAL). Read by another process: closing a descriptor
        // of the database file in this one would drop this connection's POSIX locks on it.
        const files = readdirSync(place.dataDir).filter((n) => n.startsWith('mitid.sqlite'));
        const grep = spawnSync(
          process.execPath,
          [
            '-e',
            'const fs=require("node:fs");for(const f of process.argv.slice(2))' +
              'if(fs.readFileSync(f).includes(process.env.NEEDLE))console.log(f)',
            ...files.map((f) => path.join(place.dataDir, f)),
          ],
          { env: { NEEDLE: first.secret }, encoding: 'utf8' },
        );
        assert.equal(grep.status, 0, grep.stderr);
        assert.equal(grep.stdout, '', 'the secret is in no database file');
      }

      const list = place.run('list');
      assert.equal(list.code, 0, list.err);
      assert.match(list.out, /^shop {2}active {2}"Shop A\/S"$/m);
      assert.match(list.out, /^mitid\.dk {2}active, internal {2}"MitID\.dk"$/m);
      assert.match(list.out, new RegExp(`^ {2}secret +${first.secretId} {2}added \\S+, expires never$`, 'm'));
      assert.ok(!list.out.includes(first.secret), 'list never shows a secret');
      assert.ok(!list.out.includes(rows[0]?.hash ?? '-'), 'nor its hash');
    });

    test('bad input that needs the database: exit 2, the catalogue text, nothing changed', async () => {
      const before = await registryRows(data.db);
      const cases: [string[], string][] = [
        [['add', '--id', 'shop', '--name', 'Another'], 'clientExists'],
        [['add-secret', 'nobody'], 'notFound'],
        [['add-secret', 'mitid.dk'], 'internalHasNoSecret'],
        [['revoke-secret', 'shop', 'nosuchsecret'], 'notFound'],
        [['revoke-secret', 'minbank', first.secretId], 'notFound'],
        [['disable', 'nobody'], 'notFound'],
        [['enable', 'nobody'], 'notFound'],
      ];
      for (const [args, reason] of cases) {
        const r = place.run(...args);
        assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
        assert.equal(r.err.trim(), en(reason), args.join(' '));
        assert.equal(r.out, '');
      }
      assert.equal(await registryRows(data.db), before);
    });

    test('a running service refuses a disabled client and a revoked secret within the reload time', async () => {
      // The service as a start builds it, on the database the CLI wrote, with the keys it made.
      const config = loadConfig({ ...place.env, DEV_PAGES: 'false' });
      const file = loadFileSecrets(config);
      const keys = await loadMitidSecrets(
        new KeyStore(data.db as never, file.keyEncryptionKey, systemClock),
        file,
        systemClock,
        async () => {
          await opaque.ready;
          return opaque.server.createSetup();
        },
      );
      const secrets: Secrets = keys.secrets;
      assert.ok(serverSecretOf(secrets));
      const clock = new TestClock(new Date());
      const app: FastifyInstance = await buildMitidApp({
        config,
        secrets,
        db: data.db,
        clock,
        random: cryptoRandom,
        logger: pino({ level: 'silent' }),
      });
      try {
        const create = async (secret: string): Promise<number> =>
          (
            await app.inject({
              method: 'POST',
              url: '/api/transactions',
              headers: { authorization: `Basic ${Buffer.from(`shop:${secret}`).toString('base64')}` },
              payload: {
                userId: 'nobody-here',
                serviceName: 'Shop',
                action: 'login',
                text: 'Log på hos Shop',
              },
            })
          ).statusCode;
        const reloaded = (): void => clock.advance(KEY_RELOAD_MS);

        assert.equal(await create(first.secret), 201);
        assert.equal(await create('wrong-secret-0123456789-0123456789-01'), 401);

        const disabled = place.run('disable', 'shop');
        assert.equal(disabled.code, 0, disabled.err);
        assert.match(place.run('list').out, /^shop {2}disabled {2}"Shop A\/S"$/m);
        reloaded();
        assert.equal(await create(first.secret), 401, 'disabled: refused once the node has read again');

        assert.equal(place.run('enable', 'shop').code, 0);
        reloaded();
        assert.equal(await create(first.secret), 201, 'enabled again');

        // A rotation: a second secret works beside the first; the revoked one stops.
        const second = secretOf(place.run('add-secret', 'shop'));
        assert.notEqual(second.secret, first.secret);
        reloaded();
        assert.equal(await create(second.secret), 201);
        const revoked = place.run('revoke-secret', 'shop', first.secretId);
        assert.equal(revoked.code, 0, revoked.err);
        assert.doesNotMatch(place.run('list').out, new RegExp(first.secretId));
        reloaded();
        assert.equal(await create(first.secret), 401, 'the revoked secret is refused');
        assert.equal(await create(second.secret), 201, 'the other one still works');

        // The settings' secret is replaced at every start, not revoked by hand.
        const configSecret = await data.db
          .selectFrom('client_secrets')
          .select('id')
          .where('client_id', '=', 'minbank')
          .where('source', '=', 'config')
          .executeTakeFirstOrThrow();
        const before = await registryRows(data.db);
        const r = place.run('revoke-secret', 'minbank', configSecret.id);
        assert.equal(r.code, 2);
        assert.equal(r.err.trim(), en('configSecret'));
        assert.equal(await registryRows(data.db), before);
      } finally {
        await app.close();
      }
    });

    test('an OpenID Connect client: add with its dialect and keys, list, remove; refusals change nothing', async () => {
      const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const jwksFile = path.join(place.dataDir, 'rp-jwks.json');
      writeFileSync(
        jwksFile,
        JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'rp-1' }] }),
      );
      const privateFile = path.join(place.dataDir, 'rp-private.json');
      writeFileSync(privateFile, JSON.stringify([privateKey.export({ format: 'jwk' })]));
      data ??= await place.open();
      const before = await registryRows(data.db);
      // A private key is refused: it must never be stored as a client's key.
      const leaked = place.run(
        'add',
        '--id',
        'rp',
        '--name',
        'RP',
        '--dialect',
        'idura',
        '--jwks-file',
        privateFile,
      );
      assert.equal(leaked.code, 2);
      assert.match(leaked.err, lit(en('invalidJwks')));
      assert.equal(await registryRows(data.db), before);

      const added = place.run(
        'add',
        '--id',
        'rp',
        '--name',
        'Relying Party',
        '--dialect',
        'signaturgruppen',
        '--redirect-uri',
        'https://rp.example/cb',
        '--auth-method',
        'private_key_jwt',
        '--jwks-file',
        jwksFile,
        '--cpr',
        '--test-client',
        '--organisation',
        'RP Koncern',
        '--post-logout-uri',
        'https://rp.example/',
        '--sso-group',
        'koncern',
        '--backchannel-logout-uri',
        'https://rp.example/auth/backchannel-logout',
      );
      assert.equal(added.code, 0, added.err);
      assert.match(added.out, /^ {2}permissions +oidc\.login, oidc\.cpr$/m);
      assert.match(added.out, /^ {2}dialect +signaturgruppen, test client$/m);
      assert.match(added.out, /^ {2}auth method +private_key_jwt$/m);
      assert.match(added.out, /^ {2}key +rp-1 EC$/m);
      const row = await data.db
        .selectFrom('clients')
        .selectAll()
        .where('id', '=', 'rp')
        .executeTakeFirstOrThrow();
      assert.equal(row.dialect, 'signaturgruppen');
      assert.equal(row.test_client, 1);
      assert.equal(JSON.parse(row.settings).organisation, 'RP Koncern');
      assert.equal(JSON.parse(row.settings).sso_group, 'koncern');
      assert.equal(
        JSON.parse(row.settings).backchannel_logout_uri,
        'https://rp.example/auth/backchannel-logout',
      );
      const listed = place.run('list');
      assert.match(listed.out, /^rp {2}active {2}"Relying Party"$/m);
      assert.match(listed.out, /^ {2}organisation +RP Koncern$/m);
      assert.match(listed.out, /^ {2}post-logout +https:\/\/rp\.example\/$/m);
      assert.match(listed.out, /^ {2}sso-group +koncern$/m);
      assert.match(listed.out, /^ {2}backchannel +https:\/\/rp\.example\/auth\/backchannel-logout$/m);

      // A configured client, or one that does not exist, is not removed; nothing changes.
      const kept = await registryRows(data.db);
      for (const [id, reason] of [
        ['minbank', 'configuredClient'],
        ['nobody', 'notFound'],
      ] as const) {
        const r = place.run('remove', id);
        assert.equal(r.code, 2, id);
        assert.equal(r.err.trim(), en(reason));
      }
      assert.equal(await registryRows(data.db), kept);
      const removed = place.run('remove', 'rp');
      assert.equal(removed.code, 0, removed.err);
      assert.equal(
        await data.db.selectFrom('clients').select('id').where('id', '=', 'rp').executeTakeFirst(),
        undefined,
      );
      assert.deepEqual(
        await data.db.selectFrom('client_secrets').select('id').where('client_id', '=', 'rp').execute(),
        [],
      );
    });
  });
}

test('the npm script runs the CLI', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    scripts: Record<string, string>;
  };
  assert.equal(pkg.scripts.clients, 'node src/roots/cli/clients.ts');
  assert.ok(existsSync(cli));
});
