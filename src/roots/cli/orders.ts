/**
 * Device orders on the command line, in the configured database (DATABASE_URL / DATA_DIR), for
 * development: what the warehouse, PostNord and Borgerservice would do to an order.
 *
 *   node src/roots/cli/orders.ts list [--cpr 0101901234]      open orders (or all of one person's)
 *   node src/roots/cli/orders.ts advance <orderId> <status>   packed | shipped | delivered |
 *                                                             ready_for_pickup | collected
 *   node src/roots/cli/orders.ts deliver --cpr 0101901234     every open order of the person arrives
 *
 * Advancing to shipped / ready_for_pickup takes a serial from the stock and sends the letter
 * (flows/orders, wired as the MitID service wires it: roots/mitid/orders.ts, the stock of
 * kinds/code-device). Bad input: one line
 * on stderr, exit code 2, nothing written; a refusal (outOfStock, backwards…): one line, exit 1.
 * The output is for a developer's terminal, so it is English only.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../../config/config.ts';
import type { MitidDb } from '../../core/db/index.ts';
import { validateCpr } from '../../core/people/index.ts';
import { type DeviceOrder, DeviceOrders, type OrderStatus, statusPath } from '../../flows/orders/index.ts';
import { systemClock } from '../../platform/clock.ts';
import { migrate, openDatabase } from '../../platform/db/database.ts';
import { cryptoRandom } from '../../platform/random.ts';
import { mitidMigrations } from '../mitid/db/migrations.ts';
import { mitidOrderDeps } from '../mitid/orders.ts';

const USAGE = `Usage:
  node src/roots/cli/orders.ts list [--cpr 0101901234]
  node src/roots/cli/orders.ts advance <orderId> <status>     (packed, shipped, delivered, ready_for_pickup, collected)
  node src/roots/cli/orders.ts deliver --cpr 0101901234`;

const statuses = new Set<string>([...statusPath('post'), ...statusPath('pickup')]);

type Command =
  | { name: 'list'; cpr?: string }
  | { name: 'advance'; orderId: string; status: OrderStatus }
  | { name: 'deliver'; cpr: string };

class UsageError extends Error {}

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function cprOption(value: string | undefined, required: boolean): string | undefined {
  if (value === undefined) {
    if (required) throw new UsageError('--cpr is required, e.g. --cpr 0101901234');
    return undefined;
  }
  const r = validateCpr(value);
  if (!r.ok)
    throw new UsageError(
      `--cpr is not a CPR number (${r.reason === 'date' ? 'no such date' : 'DDMMYYSSSS'})`,
    );
  return r.cpr;
}

function parse(argv: string[]): Command {
  const [name, ...rest] = argv;
  if (name === 'advance') {
    // Taken as they are, not through parseArgs: an order id may begin with '-' (base64url).
    const [orderId, status, extra] = rest;
    if (!orderId || !status || extra !== undefined) throw new UsageError('advance takes <orderId> <status>');
    if (!statuses.has(status))
      throw new UsageError(`Unknown status "${status}" (${[...statuses].join(', ')})`);
    return { name, orderId, status: status as OrderStatus };
  }
  if (name === 'list' || name === 'deliver') {
    const { values, positionals } = parseArgs({
      args: rest,
      strict: true,
      allowPositionals: true,
      options: { cpr: { type: 'string' } },
    });
    if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}"`);
    const cpr = cprOption(values.cpr, name === 'deliver');
    if (name === 'deliver') return { name, cpr: cpr as string };
    return cpr ? { name, cpr } : { name };
  }
  throw new UsageError(name === undefined ? 'A command is required' : `Unknown command "${name}"`);
}

function line(o: DeviceOrder): string {
  const price = o.priceOre === 0 ? 'free' : `${(o.priceOre / 100).toFixed(2)} kr`;
  return [
    o.id.padEnd(22),
    `${o.cpr.slice(0, 6)}-${o.cpr.slice(6)}`,
    o.kind.padEnd(11),
    o.delivery.padEnd(6),
    o.status.padEnd(16),
    price.padEnd(9),
    o.serialNumber ?? '-',
    o.trackingNo ?? '',
  ]
    .join('  ')
    .trimEnd();
}

function table(orders: DeviceOrder[]): string {
  if (orders.length === 0) return 'No orders.\n';
  return `${orders.map(line).join('\n')}\n`;
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === '--help' || argv[0] === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  let command: Command;
  try {
    command = parse(argv);
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      fail(`${(err as Error).message.split('\n')[0]} (node src/roots/cli/orders.ts --help shows the usage)`);
    }
    throw err;
  }
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
  let exitCode = 0;
  try {
    await migrate(database, mitidMigrations);
    const orders = new DeviceOrders(
      mitidOrderDeps({ db: database.db, clock: systemClock, random: cryptoRandom }),
    );
    if (command.name === 'list') {
      process.stdout.write(
        table(command.cpr ? await orders.ordersOf(command.cpr) : await orders.openOrders()),
      );
    } else if (command.name === 'deliver') {
      const after = await orders.deliverAll(command.cpr);
      process.stdout.write(table(after));
      const stuck = after.filter((o) => o.open);
      if (stuck.length > 0) {
        process.stderr.write(`${stuck.length} order(s) could not be delivered (out of stock)\n`);
        exitCode = 1;
      }
    } else {
      const r = await orders.advanceOrder(command.orderId, command.status);
      if (r.ok) {
        process.stdout.write(`${r.changed ? 'Advanced' : 'Already there'}: ${line(r.order)}\n`);
      } else {
        process.stderr.write(`Refused: ${r.reason} (order ${command.orderId}, to ${command.status})\n`);
        exitCode = 1;
      }
    }
  } finally {
    await database.close();
  }
  if (exitCode !== 0) process.exit(exitCode);
}

await main(process.argv.slice(2));
