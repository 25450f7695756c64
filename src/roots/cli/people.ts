/**
 * Demo people on the command line, in the configured database (DATABASE_URL / DATA_DIR):
 *
 *   node src/roots/cli/people.ts create --name "Anna Berg" [--cpr 0101901234] [--user-id anna90]
 *        [--password …] [--street …] [--postal-code 1456] [--city …] [--municipality 101]
 *        [--with-app [--pin 6 digits] [--mobile +45…] [--state DIR]] [--bank-customer]
 *   node src/roots/cli/people.ts list
 *
 * `create` makes the person and their NemID (user-ID, password, key card) in one transaction,
 * choosing a random valid CPR number, a user-ID and a password where none is given, and prints
 * them with the key card. Bad input: one line on stderr, exit code 2, nothing written.
 * `--with-app` also gives the person an active MitID with an activated MitID app, whose state
 * folder the headless app client uses (`npm run app -- approve --code …`): see personWithApp.ts
 * for how; it prints the user-ID, the MitID uuid, the PIN and the state folder.
 * `--bank-customer` also makes them a Min Bank customer with two accounts (bankCustomer.ts).
 * The output is for a developer's terminal, so it is English only.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../../config/config.ts';
import type { MitidDb } from '../../core/db/index.ts';
import { InvalidInputError } from '../../core/people/index.ts';
import { createPersonWithNemid } from '../../flows/nemid/index.ts';
import { DEFAULT_STATE_DIR } from '../../kinds/app/index.ts';
import { systemClock } from '../../platform/clock.ts';
import { migrate, openDatabase } from '../../platform/db/database.ts';
import { cryptoRandom } from '../../platform/random.ts';
import { mitidMigrations } from '../mitid/db/migrations.ts';
import { makeBankCustomer } from './bankCustomer.ts';
import { describeProblem } from './describeProblem.ts';
import { formatKeyCard, formatPeopleList } from './formatPeople.ts';
import { listPeopleWithNemid } from './listPeopleWithNemid.ts';
import { createWithApp, mitidUserIdRefusal, WithAppError } from './personWithApp.ts';
import { type CreateArgs, planPerson, precheckCreateArgs } from './planPerson.ts';

const USAGE = `Usage:
  node src/roots/cli/people.ts create --name "Anna Berg" [--cpr 0101901234] [--user-id anna90] [--password …]
                                [--street …] [--postal-code 1456] [--city …] [--municipality 101]
                                [--with-app [--pin 123456] [--mobile +4520304050] [--state DIR]] [--bank-customer]
      --with-app: also an active MitID with an activated MitID app (for npm run app -- approve);
      the PIN is random unless given; the app's state folder is ${DEFAULT_STATE_DIR} unless given
      --bank-customer: also a Min Bank customer with two accounts (to log in there and transfer)
  node src/roots/cli/people.ts list`;

class UsageError extends Error {}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

interface AppArgs {
  pin?: string | undefined;
  mobile?: string | undefined;
  stateDir: string;
}

function parseCreate(argv: string[]): CreateArgs & { withApp?: AppArgs; bankCustomer: boolean } {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      cpr: { type: 'string' },
      'user-id': { type: 'string' },
      password: { type: 'string' },
      street: { type: 'string' },
      'postal-code': { type: 'string' },
      city: { type: 'string' },
      municipality: { type: 'string' },
      'with-app': { type: 'boolean' },
      'bank-customer': { type: 'boolean' },
      pin: { type: 'string' },
      mobile: { type: 'string' },
      state: { type: 'string' },
    },
  });
  if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}"`);
  if (!values.name) throw new UsageError('--name is required, e.g. --name "Anna Berg"');
  const appOnly = (['pin', 'mobile', 'state'] as const).find((o) => values[o] !== undefined);
  if (appOnly && !values['with-app']) throw new UsageError(`--${appOnly} belongs to --with-app`);
  if (values.pin !== undefined && !/^\d{6}$/.test(values.pin)) throw new UsageError('--pin must be 6 digits');
  const mobile = values.mobile?.replace(/\s/g, '');
  if (mobile !== undefined && !/^\+45\d{8}$/.test(mobile))
    throw new UsageError('--mobile must be +45 and 8 digits, e.g. +4520304050');
  if (values.state !== undefined && !values.state.trim()) throw new UsageError('--state must name a folder');
  return {
    bankCustomer: values['bank-customer'] === true,
    ...(values['with-app']
      ? { withApp: { pin: values.pin, mobile, stateDir: values.state ?? DEFAULT_STATE_DIR } }
      : {}),
    name: values.name,
    cpr: values.cpr,
    userId: values['user-id'],
    password: values.password,
    street: values.street,
    postalCode: values['postal-code'],
    city: values.city,
    municipalityCode: values.municipality,
  };
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  let args: (CreateArgs & { withApp?: AppArgs; bankCustomer: boolean }) | undefined;
  try {
    if (command === 'create') args = parseCreate(rest);
    else if (command === 'list') {
      if (rest.length > 0) throw new UsageError(`list takes no arguments (got "${rest[0]}")`);
    } else if (command === undefined || command === 'help' || command === '--help') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(command === undefined ? 2 : 0);
    } else throw new UsageError(`Unknown command "${command}"`);
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      fail(`${(err as Error).message.split('\n')[0]} (node src/roots/cli/people.ts --help shows the usage)`);
    }
    throw err;
  }

  const early = args ? precheckCreateArgs(args) : [];
  if (early.length > 0) fail(early.map(describeProblem).join('; '));

  let config: ReturnType<typeof loadConfig>;
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
  try {
    await migrate(database, mitidMigrations);
    if (!args) {
      process.stdout.write(formatPeopleList(await listPeopleWithNemid(database.db)));
      return;
    }
    const plan = await planPerson(database.db, cryptoRandom, args);
    const refusal = args.withApp
      ? await mitidUserIdRefusal(database.db, plan.nemid.userId, plan.person.cpr)
      : undefined;
    if (refusal) {
      await database.close();
      fail(refusal);
    }
    const made = await createPersonWithNemid(database.db, cryptoRandom, systemClock, plan.person, plan.nemid);
    const p = made.person;
    const app = args.withApp;
    let appLines: string[] = [];
    if (app) {
      const pin = app.pin ?? cryptoRandom.digits(6);
      const mobile = app.mobile ?? `+452${cryptoRandom.digits(7)}`;
      const withApp = await createWithApp(database.db, config, {
        cpr: p.cpr,
        userId: made.nemid.userId,
        mobile,
        pin,
        stateDir: app.stateDir,
      });
      const state = app.stateDir === DEFAULT_STATE_DIR ? '' : ` --state ${withApp.stateDir}`;
      appLines = [
        `  MitID user-ID ${withApp.identity.userId} (active)`,
        `  MitID uuid    ${withApp.identity.id}`,
        `  Mobile        ${mobile}`,
        `  App PIN       ${pin}`,
        `  App device    ${withApp.deviceId}`,
        `  App state     ${withApp.stateDir}`,
        `  Approve a login with the code the login box shows:`,
        `    npm run app -- approve --code <code> --user ${made.nemid.userId} --pin ${pin}${state}`,
      ];
    }
    const bankLines = args.bankCustomer
      ? await makeBankCustomer(config, { cpr: p.cpr, name: `${p.givenName} ${p.familyName}` })
      : [];
    process.stdout.write(
      [
        `Created ${p.givenName} ${p.familyName}`,
        `  CPR number    ${p.cpr.slice(0, 6)}-${p.cpr.slice(6)} (born ${p.birthDate})`,
        `  Address       ${p.street}, ${p.postalCode} ${p.city} (municipality ${p.municipalityCode})`,
        `  NemID user-ID ${made.nemid.userId}`,
        `  Password      ${plan.nemid.password}`,
        ...appLines,
        ...bankLines,
        '',
        formatKeyCard(made.nemid.keyCard),
      ].join('\n'),
    );
  } catch (err) {
    if (err instanceof InvalidInputError) {
      await database.close();
      fail(err.problems.map(describeProblem).join('; '));
    }
    if (err instanceof WithAppError) {
      await database.close();
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  } finally {
    await database.close();
  }
}

await main(process.argv.slice(2));
