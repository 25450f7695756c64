/**
 * A demo batch of code devices, as a factory would make one: fresh serials not yet in the stock,
 * a random 20-byte seed each (RFC 4226's recommended length for SHA-1), and the PSKC file with a
 * random transport key. The dev start and `npm run device -- batch` use it; both import through
 * importPskc, so the demo exercises the real import.
 */
import type { Kysely } from 'kysely';
import type { MitidDb } from '../../../core/db/index.ts';
import type { Random } from '../../../platform/random.ts';
import { SERIAL_PREFIX } from '../serial.ts';
import type { CodeDeviceKind } from '../tables.ts';
import { type DeviceSeed, exportPskc } from './exportPskc.ts';

const bytesOf =
  (random: Random) =>
  (n: number): Buffer =>
    Buffer.from(random.token(n), 'base64url');

export async function makeDemoBatch(
  db: Kysely<MitidDb>,
  random: Random,
  kind: CodeDeviceKind,
  count: number,
  nowMs: number,
): Promise<{ xml: string; transportKey: Buffer; batch: string; devices: DeviceSeed[] }> {
  if (!Number.isInteger(count) || count < 1 || count > 10_000) throw new RangeError('count must be 1–10000');
  const bytes = bytesOf(random);
  const serials = new Set<string>();
  while (serials.size < count) {
    const serial = `${SERIAL_PREFIX[kind]}${random.digits(9)}`;
    if (serials.has(serial)) continue;
    const known = await db
      .selectFrom('code_device_stock')
      .select('serial')
      .where('serial', '=', serial)
      .executeTakeFirst();
    if (!known) serials.add(serial);
  }
  const devices = [...serials].map((serial) => ({ serial, kind, secret: bytes(20) }));
  const batch = `demo-${kind}-${new Date(nowMs).toISOString().slice(0, 10)}-${random.token(4)}`.replace(
    /[^\w.-]/g,
    '-',
  );
  const transportKey = bytes(16);
  return { xml: exportPskc(devices, transportKey, { batch, bytes }), transportKey, batch, devices };
}
