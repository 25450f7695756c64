/**
 * Importing a PSKC file into the stock (decision 0014 §3): readPskc checks the whole file, then
 * every serial is checked against the stock (a serial already known is a problem, named), and only
 * then are all devices inserted in one transaction, their seeds sealed. Any problem: nothing is
 * written. Two imports of one file at once: the second's insert meets the first's rows, its
 * transaction rolls back, and it says so.
 */
import type { Kysely } from 'kysely';
import type { MitidDb } from '../../../core/db/index.ts';
import type { DeviceSecretSealer } from '../secretSealer.ts';
import { type PskcProblem, readPskc } from './readPskc.ts';

export type PskcImport =
  | { ok: true; batch: string; imported: number; kinds: Record<string, number> }
  | { ok: false; problems: PskcProblem[] };

const CHUNK = 500;

export async function importPskc(
  db: Kysely<MitidDb>,
  sealer: DeviceSecretSealer,
  xml: string,
  transportKey: Buffer,
  now: number,
): Promise<PskcImport> {
  const read = readPskc(xml, transportKey);
  if (!read.ok) return read;
  const serials = read.devices.map((d) => d.serial);
  const known = new Set<string>();
  for (let i = 0; i < serials.length; i += CHUNK) {
    const rows = await db
      .selectFrom('code_device_stock')
      .select('serial')
      .where('serial', 'in', serials.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) known.add(r.serial);
  }
  const problems = read.devices.flatMap((d, i) =>
    known.has(d.serial)
      ? [{ entry: i + 1, serial: d.serial, problem: 'the serial is already in the stock' }]
      : [],
  );
  if (problems.length > 0) return { ok: false, problems };
  const rows = read.devices.map((d) => ({
    serial: d.serial,
    kind: d.kind,
    batch: read.batch,
    secret: sealer.seal(d.secret, d.serial),
    algorithm: 'SHA1' as const,
    digits: 6,
    period: 30,
    t0: 0,
    status: 'in_stock' as const,
    order_id: null,
    blocked_until: null,
    imported_at: now,
    updated_at: now,
  }));
  try {
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += CHUNK) {
        await trx
          .insertInto('code_device_stock')
          .values(rows.slice(i, i + CHUNK))
          .execute();
      }
    });
  } catch (err) {
    // A serial inserted meanwhile by another import fails the insert; the stock is as it was.
    const meanwhile = await db
      .selectFrom('code_device_stock')
      .select('serial')
      .where('serial', 'in', serials.slice(0, CHUNK))
      .executeTakeFirst();
    if (!meanwhile) throw err;
    return {
      ok: false,
      problems: [{ problem: 'another import wrote some of these serials meanwhile; nothing was imported' }],
    };
  }
  const kinds: Record<string, number> = {};
  for (const d of read.devices) kinds[d.kind] = (kinds[d.kind] ?? 0) + 1;
  return { ok: true, batch: read.batch, imported: rows.length, kinds };
}
