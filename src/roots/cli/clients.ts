/**
 * The client registry on the command line (`npm run clients -- <command>`), in the configured
 * database (DATABASE_URL / DATA_DIR, KEY_ENCRYPTION_KEY), over ClientAdmin (src/core/clients):
 *
 *   add --id <id> --name <name> [--permission p]… [--redirect-uri u]… [--origin o] [--home-url u]
 *       [--dialect signaturgruppen|idura] [--auth-method m] [--jwks-file f] [--cpr] [--test-client]
 *       [--organisation o] [--post-logout-uri u]… [--sso-group g] [--backchannel-logout-uri u]
 *   list
 *   remove <id>
 *   add-secret <id>
 *   revoke-secret <id> <secretId>
 *   disable <id>
 *   enable <id>
 *
 * `add` and `add-secret` print the new secret once; only its hash (HMAC under the key derived from
 * the server secret in the key store) is kept, and `list` shows a secret's id and times, never the
 * secret or its hash. A running node sees a change within a minute (ClientRegistry's reload).
 *
 * Bad input: one line on stderr, exit code 2, nothing written. Arguments and the new client's
 * fields are checked before the database is opened; what needs the database (an id taken, a client
 * or secret that does not exist) is refused by ClientAdmin before it writes. The registry's
 * refusals are the catalogue's texts (src/i18n/clients.ts), in Danish when LANG says so; the
 * usage and the results are for an operator's terminal, in English.
 * Exit codes: 0 done; 1 the key-encryption key does not open the stored keys; 2 bad input.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as opaque from '@serenity-kit/opaque';
import { type Config, ConfigError, loadConfig } from '../../config/config.ts';
import { loadFileSecrets, loadMitidSecrets, serverSecretOf } from '../../config/secrets.ts';
import {
  type Client,
  ClientAdmin,
  ClientAdminError,
  type ClientAdminRefusal,
  CONFIGURED_CLIENT_IDS,
  deriveClientSecretKey,
  type NewClient,
  newClientRefusal,
  permissions,
} from '../../core/clients/index.ts';
import type { MitidDb } from '../../core/db/index.ts';
import { t } from '../../i18n/catalogue.ts';
import type { Lang } from '../../i18n/types.ts';
import { systemClock } from '../../platform/clock.ts';
import { type Database, migrate, openDatabase } from '../../platform/db/database.ts';
import { KeyDecryptionError, KeyStore } from '../../platform/keys/KeyStore.ts';
import { cryptoRandom } from '../../platform/random.ts';
import { mitidMigrations } from '../mitid/db/migrations.ts';

const USAGE = `Usage: npm run clients -- <command>   (or node src/roots/cli/clients.ts <command>)
  add --id <id> --name <name> [--permission <p>]… [--redirect-uri <url>]… [--origin <origin>] [--home-url <url>]
      [--dialect signaturgruppen|idura] [--auth-method client_secret_basic|client_secret_post|private_key_jwt]
      [--jwks-file <file>] [--cpr] [--test-client] [--organisation <name>] [--post-logout-uri <url>]…
                              adds an active client and prints its first secret (shown once);
                              --dialect makes it an OpenID Connect client (permission oidc.login),
                              --cpr lets it have the CPR number (oidc.cpr: a public service;
                              without it scope ssn is a CPR match), --test-client lets it use
                              the simulation (when OIDC_SIMULATION is on), --jwks-file gives its
                              public keys (a JWKS or an array of JWKs; needed for private_key_jwt)
  list                        every client, its permissions and its secrets' ids (never a secret)
  remove <id>                 deletes a client that has no recorded authentications
  add-secret <id>             another secret for the client (the old ones keep working)
  revoke-secret <id> <secretId>
                              the secret stops working
  disable <id>                the client stops authenticating
  enable <id>                 it authenticates again
Permissions: ${permissions.join(', ')}.
Running nodes see a change within a minute.`;

type Command =
  | { name: 'add'; client: NewClient }
  | { name: 'list' }
  | { name: 'add-secret' | 'disable' | 'enable' | 'remove'; id: string }
  | { name: 'revoke-secret'; id: string; secretId: string }
  | { name: 'help' };

class UsageError extends Error {}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

/** The operator's language for the registry's refusals: Danish when the locale is Danish. */
function langOfEnv(env: NodeJS.ProcessEnv): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^da\b|^da_/i.test(locale) ? 'da' : 'en';
}

function refusalText(reason: ClientAdminRefusal): string {
  return t(langOfEnv(process.env), `clients.refusal.${reason}`);
}

/** Positional arguments of a command: exactly `names`, no options. */
function positionals(command: string, argv: string[], names: string[]): string[] {
  const { positionals: given } = parseArgs({ args: argv, strict: true, allowPositionals: true, options: {} });
  if (given.length !== names.length) {
    throw new UsageError(`${command} takes ${names.map((n) => `<${n}>`).join(' ') || 'no arguments'}`);
  }
  return given;
}

function parseAdd(argv: string[]): NewClient {
  const { values, positionals: given } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      id: { type: 'string' },
      name: { type: 'string' },
      permission: { type: 'string', multiple: true },
      'redirect-uri': { type: 'string', multiple: true },
      origin: { type: 'string' },
      'home-url': { type: 'string' },
      dialect: { type: 'string' },
      'auth-method': { type: 'string' },
      'jwks-file': { type: 'string' },
      cpr: { type: 'boolean' },
      'test-client': { type: 'boolean' },
      organisation: { type: 'string' },
      'post-logout-uri': { type: 'string', multiple: true },
      'sso-group': { type: 'string' },
      'backchannel-logout-uri': { type: 'string' },
    },
  });
  if (given.length > 0) throw new UsageError(`Unexpected argument "${given[0]}"`);
  if (values.id === undefined) throw new UsageError('--id is required, e.g. --id shop');
  if (values.name === undefined) throw new UsageError('--name is required, e.g. --name "Shop A/S"');
  const oidcOnly = [
    'auth-method',
    'jwks-file',
    'cpr',
    'test-client',
    'organisation',
    'post-logout-uri',
    'sso-group',
    'backchannel-logout-uri',
  ] as const;
  const stray = oidcOnly.find((o) => values[o] !== undefined);
  if (values.dialect === undefined && stray) throw new UsageError(`--${stray} needs --dialect`);
  const perms = [...(values.permission ?? [])];
  if (values.dialect !== undefined) perms.push('oidc.login');
  if (values.cpr) perms.push('oidc.cpr');
  const jwks = values['jwks-file'] === undefined ? undefined : readJwks(values['jwks-file']);
  return {
    id: values.id,
    name: values.name,
    permissions: [...new Set(perms)],
    ...(values['redirect-uri'] ? { redirectUris: values['redirect-uri'] } : {}),
    ...(values.origin !== undefined ? { origin: values.origin } : {}),
    ...(values['home-url'] !== undefined ? { homeUrl: values['home-url'] } : {}),
    ...(values.dialect !== undefined
      ? {
          dialect: values.dialect,
          testClient: values['test-client'] === true,
          oidc: {
            ...(values['auth-method'] !== undefined
              ? { tokenEndpointAuthMethod: values['auth-method'] }
              : {}),
            ...(values['post-logout-uri'] ? { postLogoutRedirectUris: values['post-logout-uri'] } : {}),
            ...(values.organisation !== undefined ? { organisation: values.organisation } : {}),
            ...(jwks ? { jwks } : {}),
            ...(values['sso-group'] !== undefined ? { ssoGroup: values['sso-group'] } : {}),
            ...(values['backchannel-logout-uri'] !== undefined
              ? { backchannelLogoutUri: values['backchannel-logout-uri'] }
              : {}),
          },
        }
      : {}),
  };
}

/** A JWKS file: `{ "keys": [...] }` or an array of JWKs (checked as keys by newClientRefusal). */
function readJwks(file: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new UsageError(`--jwks-file ${file} cannot be read as JSON`);
  }
  const keys = Array.isArray(parsed) ? parsed : (parsed as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) throw new UsageError(`--jwks-file ${file} holds no "keys" array`);
  return keys;
}

function parseCommand(argv: string[]): Command {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
      throw new UsageError('A command is required');
    case 'help':
    case '--help':
    case '-h':
      return { name: 'help' };
    case 'add':
      return { name: 'add', client: parseAdd(rest) };
    case 'list':
      positionals(command, rest, []);
      return { name: 'list' };
    case 'add-secret':
    case 'disable':
    case 'enable':
    case 'remove': {
      const [id] = positionals(command, rest, ['id']);
      return { name: command, id: id as string };
    }
    case 'revoke-secret': {
      const [id, secretId] = positionals(command, rest, ['id', 'secretId']);
      return { name: command, id: id as string, secretId: secretId as string };
    }
    default:
      throw new UsageError(`Unknown command "${command}"`);
  }
}

/** An OpenID Connect client's dialect and metadata, as add and list show them. */
function oidcLines(c: Client): string[] {
  if (!c.dialect) return [];
  return [
    `  dialect       ${c.dialect}${c.testClient ? ', test client' : ''}`,
    `  auth method   ${c.oidc.tokenEndpointAuthMethod}`,
    `  organisation  ${c.oidc.organisation}`,
    ...c.oidc.postLogoutRedirectUris.map((u) => `  post-logout   ${u}`),
    ...(c.oidc.ssoGroup ? [`  sso-group     ${c.oidc.ssoGroup}`] : []),
    ...(c.oidc.backchannelLogoutUri ? [`  backchannel   ${c.oidc.backchannelLogoutUri}`] : []),
    ...c.oidc.jwks.map((k) => `  key           ${String(k.kid ?? '(no kid)')} ${k.kty}`),
    `  ID token      ${c.oidc.idTokenSignedResponseAlg}`,
  ];
}

const when = (ms: number | null): string => (ms === null ? 'never' : new Date(ms).toISOString());

function formatSecret(clientId: string, made: { secretId: string; secret: string }): string {
  return [
    `  secret id     ${made.secretId}`,
    `  secret        ${made.secret}`,
    '',
    'The secret is shown this once; MitID keeps only its hash. The client authenticates with',
    `HTTP Basic: base64("${clientId}:<secret>").`,
    '',
  ].join('\n');
}

/** The client secret key, from the server secret in the key store (made as a first start makes it). */
async function clientSecretKey(database: Database<MitidDb>, config: Config): Promise<Buffer> {
  const file = loadFileSecrets(config);
  const store = new KeyStore(database.db as never, file.keyEncryptionKey, systemClock);
  const keys = await loadMitidSecrets(store, file, systemClock, async () => {
    await opaque.ready;
    return opaque.server.createSetup();
  });
  return deriveClientSecretKey(serverSecretOf(keys.secrets));
}

async function run(command: Exclude<Command, { name: 'help' }>, database: Database<MitidDb>, config: Config) {
  const needsKey = command.name === 'add' || command.name === 'add-secret';
  const admin = new ClientAdmin({
    db: database.db,
    clock: systemClock,
    random: cryptoRandom,
    // Only adding a secret hashes one; the other commands need no key (and no KEK).
    key: needsKey ? await clientSecretKey(database, config) : Buffer.alloc(0),
  });
  const out = (text: string): boolean => process.stdout.write(text);
  switch (command.name) {
    case 'add': {
      const { client, secret } = await admin.add(command.client);
      out(
        [
          `Added client ${client.id} (${client.name}), active`,
          `  permissions   ${client.permissions.join(', ') || '(none)'}`,
          ...(client.origin ? [`  origin        ${client.origin}`] : []),
          ...client.redirectUris.map((u) => `  redirect URI  ${u}`),
          ...(client.homeUrl ? [`  home URL      ${client.homeUrl}`] : []),
          ...oidcLines(client),
          '',
        ].join('\n'),
      );
      if (secret) out(formatSecret(client.id, secret));
      return;
    }
    case 'add-secret': {
      const made = await admin.addSecret(command.id);
      out(`Added a secret to client ${command.id}\n${formatSecret(command.id, made)}`);
      return;
    }
    case 'revoke-secret':
      await admin.revokeSecret(command.id, command.secretId);
      out(
        `Revoked secret ${command.secretId} of client ${command.id}; running nodes refuse it within a minute.\n`,
      );
      return;
    case 'disable':
      await admin.disable(command.id);
      out(`Disabled client ${command.id}; running nodes refuse it within a minute.\n`);
      return;
    case 'enable':
      await admin.enable(command.id);
      out(`Enabled client ${command.id}; running nodes accept it within a minute.\n`);
      return;
    case 'remove':
      await admin.remove(command.id, CONFIGURED_CLIENT_IDS);
      out(`Removed client ${command.id} and its secrets; running nodes forget it within a minute.\n`);
      return;
    case 'list': {
      const lines: string[] = [];
      for (const c of await admin.list()) {
        lines.push(`${c.id}  ${c.status}${c.internal ? ', internal' : ''}  "${c.name}"`);
        lines.push(`  permissions   ${c.permissions.join(', ') || '(none)'}`);
        if (c.origin) lines.push(`  origin        ${c.origin}`);
        for (const u of c.redirectUris) lines.push(`  redirect URI  ${u}`);
        if (c.homeUrl) lines.push(`  home URL      ${c.homeUrl}`);
        lines.push(...oidcLines(c));
        for (const s of c.secrets) {
          lines.push(
            `  secret        ${s.id}  ${s.source === 'config' ? 'from BANK_CLIENT_SECRET' : 'added'} ` +
              `${when(s.createdAt)}, expires ${when(s.expiresAt)}`,
          );
        }
        if (c.secrets.length === 0 && !c.internal) lines.push('  secret        (none)');
      }
      out(`${lines.join('\n')}\n`);
      return;
    }
  }
}

async function main(argv: string[]): Promise<void> {
  let command: Command;
  try {
    command = parseCommand(argv);
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      fail(`${(err as Error).message.split('\n')[0]} (npm run clients -- --help shows the usage)`);
    }
    throw err;
  }
  if (command.name === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  // The fields alone, before anything is opened: bad input writes nothing, not even a database.
  if (command.name === 'add') {
    const refused = newClientRefusal(command.client);
    if (refused) fail(refusalText(refused));
  }

  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
  const database = await openDatabase<MitidDb>({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    name: 'mitid',
  });
  let exitCode = 0;
  try {
    await migrate(database, mitidMigrations);
    await run(command, database, config);
  } catch (err) {
    if (err instanceof ClientAdminError) {
      process.stderr.write(`${refusalText(err.reason)}\n`);
      exitCode = 2;
    } else if (err instanceof KeyDecryptionError) {
      process.stderr.write(`${err.message}\n`);
      exitCode = 1;
    } else throw err;
  } finally {
    await database.close();
  }
  if (exitCode !== 0) process.exit(exitCode);
}

await main(process.argv.slice(2));
