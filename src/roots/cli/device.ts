/**
 * The code devices' stock on the command line (decision 0014 §3), in the configured database
 * (DATABASE_URL / DATA_DIR):
 *
 *   node src/roots/cli/device.ts batch --kind codeDisplay|codeReader --count N --out batch.pskc --key-out transport.key
 *   node src/roots/cli/device.ts import batch.pskc --key transport.key
 *   node src/roots/cli/device.ts code <serial>
 *   node src/roots/cli/device.ts list [--kind codeDisplay|codeReader] [--status in_stock|reserved|activated|retired]
 *
 * `batch` makes a demo factory file (PSKC, RFC 6030) of new serials and its transport key (32 hex
 * digits, mode 0600), never overwriting a file; it imports nothing. `import` checks the whole file
 * and imports all of it or nothing: each problem on its own line (entry, serial), exit code 1.
 * `code` prints the code the device shows now (the simulators' code). Bad usage: exit code 2.
 * The output is for a developer's terminal, so it is English only.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../../config/config.ts';
import type { MitidDb } from '../../core/db/index.ts';
import {
  CodeDevices,
  describePskcProblem,
  isCodeDeviceKind,
  listStock,
  makeDemoBatch,
  normaliseSerial,
  parseTransportKey,
  STOCK_STATUSES,
  type StockStatus,
} from '../../kinds/code-device/index.ts';
import { systemClock } from '../../platform/clock.ts';
import { type Database, migrate, openDatabase } from '../../platform/db/database.ts';
import { cryptoRandom } from '../../platform/random.ts';
import { mitidMigrations } from '../mitid/db/migrations.ts';
import { mitidServerSecret } from './mitidServerSecret.ts';

const USAGE = `Usage:
  npm run device -- batch --kind codeDisplay|codeReader --count N --out batch.pskc --key-out transport.key
  npm run device -- import batch.pskc --key transport.key
  npm run device -- code <serial>
  npm run device -- list [--kind codeDisplay|codeReader] [--status ${STOCK_STATUSES.join('|')}]`;

type Command =
  | { name: 'batch'; kind: 'codeDisplay' | 'codeReader'; count: number; out: string; keyOut: string }
  | { name: 'import'; file: string; key: string }
  | { name: 'code'; serial: string }
  | { name: 'list'; kind?: 'codeDisplay' | 'codeReader'; status?: StockStatus };

class UsageError extends Error {}

function usage(message: string): never {
  process.stderr.write(`${message} (npm run device -- help shows the usage)\n`);
  process.exit(2);
}
function problem(lines: string[]): never {
  process.stderr.write(`${lines.join('\n')}\n`);
  process.exit(1);
}

function parse(argv: string[]): Command | 'help' {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help') return 'help';
  const { values, positionals } = parseArgs({
    args: rest,
    strict: true,
    allowPositionals: true,
    options: {
      kind: { type: 'string' },
      count: { type: 'string' },
      out: { type: 'string' },
      'key-out': { type: 'string' },
      key: { type: 'string' },
      status: { type: 'string' },
    },
  });
  const kind = values.kind;
  if (kind !== undefined && !isCodeDeviceKind(kind))
    throw new UsageError('--kind must be codeDisplay or codeReader');
  const only = (allowed: string[]) => {
    const extra = Object.keys(values).find((k) => !allowed.includes(k));
    if (extra) throw new UsageError(`${name} takes no --${extra}`);
  };
  switch (name) {
    case 'batch': {
      only(['kind', 'count', 'out', 'key-out']);
      if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}"`);
      if (!kind) throw new UsageError('--kind is required (codeDisplay or codeReader)');
      const count = Number(values.count);
      if (!/^\d+$/.test(values.count ?? '') || count < 1 || count > 10_000)
        throw new UsageError('--count must be a number from 1 to 10000');
      if (!values.out || !values['key-out']) throw new UsageError('--out and --key-out are required');
      if (values.out === values['key-out']) throw new UsageError('--out and --key-out must be two files');
      return { name, kind, count, out: values.out, keyOut: values['key-out'] };
    }
    case 'import': {
      only(['key']);
      if (positionals.length !== 1)
        throw new UsageError('import takes one file: import batch.pskc --key transport.key');
      if (!values.key) throw new UsageError('--key is required (the transport key file)');
      return { name, file: positionals[0] as string, key: values.key };
    }
    case 'code': {
      only([]);
      const serial = positionals.length === 1 ? normaliseSerial(positionals[0] as string) : undefined;
      if (!serial) throw new UsageError('code takes one serial, KV- or KO- and 9 digits');
      return { name, serial };
    }
    case 'list': {
      only(['kind', 'status']);
      if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}"`);
      const status = values.status;
      if (status !== undefined && !(STOCK_STATUSES as readonly string[]).includes(status))
        throw new UsageError(`--status must be one of ${STOCK_STATUSES.join(', ')}`);
      return { name, ...(kind ? { kind } : {}), ...(status ? { status: status as StockStatus } : {}) };
    }
    default:
      throw new UsageError(`Unknown command "${name}"`);
  }
}

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    return problem([`Cannot read the ${what} ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`]);
  }
}

async function run(command: Command, database: Database<MitidDb>, devices: () => Promise<CodeDevices>) {
  const out = (text: string): boolean => process.stdout.write(`${text}\n`);
  switch (command.name) {
    case 'batch': {
      const made = await makeDemoBatch(
        database.db,
        cryptoRandom,
        command.kind,
        command.count,
        systemClock.now().getTime(),
      );
      try {
        // 'wx': never overwrite a file (a transport key lost is a batch lost).
        writeFileSync(command.keyOut, `${made.transportKey.toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
        writeFileSync(command.out, made.xml, { flag: 'wx' });
      } catch (err) {
        problem([
          `Cannot write ${(err as NodeJS.ErrnoException).path ?? 'the files'}: ${(err as NodeJS.ErrnoException).code}`,
        ]);
      }
      out(
        `Batch ${made.batch}: ${command.count} ${command.kind} devices in ${command.out}, transport key in ${command.keyOut}`,
      );
      out(`Import it with: npm run device -- import ${command.out} --key ${command.keyOut}`);
      return;
    }
    case 'import': {
      const xml = readText(command.file, 'PSKC file');
      const key = parseTransportKey(readText(command.key, 'transport key file'));
      if (!key) problem([`The transport key file ${command.key} does not hold 32 hex digits`]);
      const result = await (await devices()).importPskc(xml, key);
      if (!result.ok) {
        problem([
          `Nothing was imported from ${command.file}:`,
          ...result.problems.map((p) => `  ${describePskcProblem(p)}`),
        ]);
      }
      const kinds = Object.entries(result.kinds)
        .map(([k, n]) => `${n} ${k}`)
        .join(', ');
      out(`Imported batch ${result.batch}: ${result.imported} devices (${kinds})`);
      return;
    }
    case 'code': {
      const code = await (await devices()).currentCode(command.serial, systemClock.now().getTime());
      if (!code) problem([`No device ${command.serial} in the stock`]);
      out(code);
      return;
    }
    case 'list': {
      const rows = await listStock(database.db, command);
      out(
        [
          'serial        kind         status     order',
          ...rows.map((r) => `${r.serial}  ${r.kind.padEnd(11)}  ${r.status.padEnd(9)}  ${r.orderId ?? '-'}`),
        ].join('\n'),
      );
      out(`${rows.length} device${rows.length === 1 ? '' : 's'}`);
      return;
    }
  }
}

async function main(argv: string[]): Promise<void> {
  let command: Command | 'help';
  try {
    command = parse(argv);
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))
      usage((err as Error).message.split('\n')[0] ?? '');
    throw err;
  }
  if (command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    process.exit(argv.length === 0 ? 2 : 0);
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) usage(err.message);
    throw err;
  }
  const database = await openDatabase<MitidDb>({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    name: 'mitid',
  });
  try {
    await migrate(database, mitidMigrations);
    const devices = async () =>
      new CodeDevices({
        db: database.db,
        serverSecret: await mitidServerSecret(database, config, systemClock),
        now: () => systemClock.now().getTime(),
        // The CLI reserves and activates nothing.
        orderCprOf: async () => undefined,
      });
    await run(command, database, devices);
  } finally {
    await database.close();
  }
}

await main(process.argv.slice(2));
