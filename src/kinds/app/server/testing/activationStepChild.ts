/**
 * Child process of activation.crash.test.ts (not shipped code): the MitID service on the test's
 * database, with a Kysely plugin that stops the process's work at a chosen point, says so, and
 * waits for SIGKILL. Points:
 *   in-transaction  right after the step's message row is written, before its commit
 *   after-commit    when the delivery worker has just claimed that row, before delivering it
 * argv[2] is JSON: { url, dataDir, name, configDataDir, now, step, activationId, body, pauseAt }.
 */
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  RootOperationNode,
} from 'kysely';
import { pino } from 'pino';
import { loadConfig } from '../../../../config/config.ts';
import type { MitidDb } from '../../../../core/db/index.ts';
import { TestClock } from '../../../../platform/clock.ts';
import { openDatabase } from '../../../../platform/db/database.ts';
import { cryptoRandom } from '../../../../platform/random.ts';
import { buildMitidApp } from '../../../../roots/mitid/app.ts';
import { COOKIE_KEY, SERVER_SECRET, SERVICE_SECRET } from './appHarness.ts';

const args = JSON.parse(process.argv[2] ?? '{}') as {
  url: string;
  dataDir: string;
  name: string;
  configDataDir: string;
  now: number;
  step: 'activation-code' | 'finish';
  activationId: string;
  body: unknown;
  pauseAt: 'in-transaction' | 'after-commit';
};

/** The table a query writes or reads, if it is one of the kinds this plugin looks for. */
function tableOf(node: RootOperationNode): string | undefined {
  const n = node as unknown as {
    kind: string;
    into?: { table?: { identifier?: { name?: string } } };
    table?: { table?: { identifier?: { name?: string } } };
  };
  if (n.kind === 'InsertQueryNode') return `insert ${n.into?.table?.identifier?.name}`;
  if (n.kind === 'UpdateQueryNode') return `update ${n.table?.table?.identifier?.name}`;
  return undefined;
}

let messageWritten = false;
const watched = new Map<unknown, string>();
const pause: KyselyPlugin = {
  transformQuery(a: PluginTransformQueryArgs): RootOperationNode {
    const what = tableOf(a.node);
    if (what) watched.set(a.queryId, what);
    return a.node;
  },
  async transformResult(a: PluginTransformResultArgs) {
    const what = watched.get(a.queryId);
    watched.delete(a.queryId);
    if (what === 'insert messages') {
      messageWritten = true;
      if (args.pauseAt === 'in-transaction') await stop('in-transaction');
    }
    if (what === 'update messages' && messageWritten && args.pauseAt === 'after-commit') {
      await stop('after-commit');
    }
    return a.result;
  },
};

async function stop(point: string): Promise<never> {
  process.stdout.write(`paused at ${point}\n`);
  return new Promise<never>(() => {}); // until SIGKILL
}

const database = await openDatabase<MitidDb>({ url: args.url, dataDir: args.dataDir, name: args.name });
const app = await buildMitidApp({
  config: loadConfig({ DATA_DIR: args.configDataDir, DEV_PAGES: 'false' }),
  secrets: {
    cookieKey: COOKIE_KEY,
    serverSecret: SERVER_SECRET,
    bankClientSecret: SERVICE_SECRET,
  },
  db: database.db.withPlugin(pause),
  clock: new TestClock(new Date(args.now)),
  random: cryptoRandom,
  logger: pino({ level: 'silent' }),
});
const res = await app.inject({
  method: 'POST',
  url: `/api/app/v1/activations/${args.activationId}/${args.step}`,
  payload: args.body as Record<string, unknown>,
});
process.stdout.write(`answered ${res.statusCode}\n`);
// After commit the worker is nudged; wait here for the pause (or the test's timeout).
await new Promise(() => {});
