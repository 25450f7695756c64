/**
 * The staff registry on the command line (`npm run staff -- <command>`), in the configured
 * database (DATABASE_URL / DATA_DIR), over StaffRegistry (src/core/staff):
 *
 *   create --name <name> --role clerk|supporter [--office bs-101] --login <login> [--password <pw>]
 *   list
 *   disable <login>
 *
 * `create` without --password prints a generated one, once; the database keeps only its Argon2id
 * hash, and `list` never shows a password or a hash. Bad input: one line on stderr (the registry's
 * refusals from src/i18n/borgerservice.ts, in Danish when LANG says so), exit code 2, and nothing
 * written; the fields are checked before the database is opened.
 */
import { parseArgs } from 'node:util';
import { type Config, ConfigError, loadConfig } from '../../config/config.ts';
import type { MitidDb } from '../../core/db/index.ts';
import {
  type NewStaff,
  newStaffRefusal,
  normaliseLogin,
  type StaffRefusal,
  StaffRegistry,
} from '../../core/staff/index.ts';
import { seedOffices } from '../../flows/orders/index.ts';
import { t } from '../../i18n/catalogue.ts';
import type { Lang } from '../../i18n/types.ts';
import { systemClock } from '../../platform/clock.ts';
import { migrate, openDatabase } from '../../platform/db/database.ts';
import { cryptoRandom } from '../../platform/random.ts';
import { mitidMigrations } from '../mitid/db/migrations.ts';

const USAGE = `Usage: npm run staff -- <command>   (or node src/roots/cli/staff.ts <command>)
  create --name <name> --role clerk|supporter [--office <office id>] --login <login> [--password <pw>]
                              adds a member of staff; a clerk needs the Borgerservice office
                              (e.g. bs-101), a supporter has none; without --password one is
                              generated and printed (shown once)
  list                        every member: login, role, office, name, disabled or not
  disable <login>             the member can no longer log in`;

type Command =
  | { name: 'create'; staff: NewStaff }
  | { name: 'list' }
  | { name: 'disable'; login: string }
  | { name: 'help' };

class UsageError extends Error {}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function langOfEnv(env: NodeJS.ProcessEnv): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^da\b|^da_/i.test(locale) ? 'da' : 'en';
}

const refusalText = (reason: StaffRefusal): string => t(langOfEnv(process.env), `staff.refusal.${reason}`);

function parseCommand(argv: string[]): Command {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
      throw new UsageError('A command is required');
    case 'help':
    case '--help':
    case '-h':
      return { name: 'help' };
    case 'create': {
      const { values, positionals } = parseArgs({
        args: rest,
        strict: true,
        allowPositionals: true,
        options: {
          name: { type: 'string' },
          role: { type: 'string' },
          office: { type: 'string' },
          login: { type: 'string' },
          password: { type: 'string' },
        },
      });
      if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}"`);
      if (values.name === undefined) throw new UsageError('--name is required, e.g. --name "Birgit Skranke"');
      if (values.role === undefined) throw new UsageError('--role is required: clerk or supporter');
      if (values.login === undefined) throw new UsageError('--login is required, e.g. --login birgit');
      return {
        name: 'create',
        staff: {
          name: values.name,
          role: values.role,
          officeId: values.office ?? null,
          login: values.login,
          ...(values.password !== undefined ? { password: values.password } : {}),
        },
      };
    }
    case 'list':
    case 'disable': {
      const { positionals } = parseArgs({ args: rest, strict: true, allowPositionals: true, options: {} });
      if (command === 'list') {
        if (positionals.length > 0) throw new UsageError('list takes no arguments');
        return { name: 'list' };
      }
      if (positionals.length !== 1) throw new UsageError('disable takes <login>');
      return { name: 'disable', login: positionals[0] as string };
    }
    default:
      throw new UsageError(`Unknown command "${command}"`);
  }
}

async function run(command: Exclude<Command, { name: 'help' }>, registry: StaffRegistry): Promise<number> {
  const out = (text: string): boolean => process.stdout.write(text);
  switch (command.name) {
    case 'create': {
      const made = await registry.create(command.staff);
      if (!made.ok) {
        process.stderr.write(`${refusalText(made.reason)}\n`);
        return 2;
      }
      const s = made.staff;
      out(`Added ${s.role} ${s.login} (${s.name})${s.officeId ? `, office ${s.officeId}` : ''}\n`);
      if (made.generatedPassword) {
        out(
          `  password      ${made.generatedPassword}\n\nThe password is shown this once; MitID keeps only its hash.\n`,
        );
      }
      return 0;
    }
    case 'list': {
      const lines = (await registry.list()).map(
        (s) =>
          `${s.login}  ${s.role}  ${s.officeId ?? '-'}  "${s.name}"${s.disabledAt !== null ? `  disabled ${new Date(s.disabledAt).toISOString()}` : ''}`,
      );
      out(lines.length > 0 ? `${lines.join('\n')}\n` : '(no staff)\n');
      return 0;
    }
    case 'disable': {
      const login = normaliseLogin(command.login);
      const member = (await registry.list()).find((s) => s.login === login);
      if (!member || !(await registry.disable(member.id))) {
        process.stderr.write(`No active member of staff has the login "${login}"\n`);
        return 2;
      }
      out(`Disabled ${login}; they can no longer log in.\n`);
      return 0;
    }
  }
}

async function main(argv: string[]): Promise<void> {
  let command: Command;
  try {
    command = parseCommand(argv);
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      fail(`${(err as Error).message.split('\n')[0]} (npm run staff -- --help shows the usage)`);
    }
    throw err;
  }
  if (command.name === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (command.name === 'create') {
    const refused = newStaffRefusal(command.staff);
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
  let code = 0;
  try {
    await migrate(database, mitidMigrations);
    // The Borgerservice offices, as a start seeds them (idempotent): a clerk can be made first.
    if (command.name === 'create') await seedOffices(database.db, systemClock, cryptoRandom);
    code = await run(
      command,
      new StaffRegistry({ db: database.db, clock: systemClock, random: cryptoRandom }),
    );
  } finally {
    await database.close();
  }
  if (code !== 0) process.exit(code);
}

await main(process.argv.slice(2));
