/**
 * The dev start's code devices (decision 0014 §3): when the development pages or the demo seed
 * are on and the stock of a kind is empty, a demo batch of 25 of that kind is made as a factory
 * makes one (a PSKC file with a fresh transport key) and imported through the real import, so the
 * demo runs the PSKC checks every time. A later start finds the stock and adds nothing.
 */
import type { Config } from '../../config/config.ts';
import type { MitidDb } from '../../core/db/index.ts';
import {
  CODE_DEVICE_KINDS,
  type CodeDeviceKind,
  CodeDevices,
  describePskcProblem,
  makeDemoBatch,
  stockCount,
} from '../../kinds/code-device/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/database.ts';
import type { Random } from '../../platform/random.ts';
import { mitidServerSecret } from '../cli/mitidServerSecret.ts';

export const DEMO_DEVICES_PER_KIND = 25;

/** The number of devices imported, by kind (none for a kind that has stock). */
export async function seedDemoDevices(
  database: Database<MitidDb>,
  config: Config,
  clock: Clock,
  random: Random,
): Promise<Record<string, number>> {
  const empty: CodeDeviceKind[] = [];
  for (const kind of CODE_DEVICE_KINDS) if ((await stockCount(database.db, kind)) === 0) empty.push(kind);
  if (empty.length === 0) return {};
  const devices = new CodeDevices({
    db: database.db,
    serverSecret: await mitidServerSecret(database, config, clock),
    now: () => clock.now().getTime(),
    orderCprOf: async () => undefined,
  });
  const imported: Record<string, number> = {};
  for (const kind of empty) {
    const batch = await makeDemoBatch(
      database.db,
      random,
      kind,
      DEMO_DEVICES_PER_KIND,
      clock.now().getTime(),
    );
    const result = await devices.importPskc(batch.xml, batch.transportKey);
    // A parallel start imported its own batch meanwhile: that one is the stock.
    if (!result.ok && (await stockCount(database.db, kind)) === 0) {
      throw new Error(
        `The demo ${kind} batch was refused: ${result.problems.map(describePskcProblem).join('; ')}`,
      );
    }
    if (result.ok) imported[kind] = result.imported;
  }
  return imported;
}
