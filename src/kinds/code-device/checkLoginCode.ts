/**
 * A code typed in the login box, checked against an activated device (decision 0014 §3). Rules:
 * - counted before comparing, on the counter of the browser it comes from: the browser that last
 *   succeeded with the device (the authentication's browser_hash) has its own, so a stranger's
 *   guesses from elsewhere never slow the owner at home (countAttempt.ts);
 * - a counter that is slowed admits nothing: code_slowed with the time it opens again;
 * - the accepted step must be in the window and after the last accepted one (totp.ts), and it is
 *   written with the drift and the reset counter in one conditional UPDATE on last_step: of two
 *   posts of one code exactly one wins, the other is a wrong code;
 * - a decoy (an id with no row) runs the same statements and the same HMACs with a fixed seed,
 *   and is a wrong code.
 */
import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { MitidDb } from '../../core/db/index.ts';
import { countedColumns, leftAfter } from './countAttempt.ts';
import type { DeviceSecretSealer } from './secretSealer.ts';
import { matchStep, stepAt } from './totp.ts';

export type LoginCodeResult =
  | { ok: true; step: number }
  | { ok: false; code: 'code_wrong'; left: number }
  | { ok: false; code: 'code_slowed'; until: number };

/** The decoy's seed: fixed, known to nobody's device. */
export const DECOY_SECRET = createHash('sha256')
  .update('open-mitid code device decoy')
  .digest()
  .subarray(0, 20);

export async function checkLoginCode(
  db: Kysely<MitidDb>,
  sealer: DeviceSecretSealer,
  input: { authenticatorId: string; code: string; browserHash: string | null; now: number },
): Promise<LoginCodeResult> {
  const { authenticatorId, code, browserHash, now } = input;
  const trusted = sql<boolean>`coalesce(trusted_browser_hash = ${browserHash}, false)`;
  const any = countedColumns({ failures: 'failures', rounds: 'rounds', blockedUntil: 'blocked_until' }, now);
  const own = countedColumns(
    { failures: 'trusted_failures', rounds: 'trusted_rounds', blockedUntil: 'trusted_blocked_until' },
    now,
  );
  const counted = await db
    .updateTable('code_devices')
    .set({
      failures: sql`case when ${trusted} then failures else ${any.failures} end`,
      rounds: sql`case when ${trusted} then rounds else ${any.rounds} end`,
      blocked_until: sql`case when ${trusted} then blocked_until else ${any.blockedUntil} end`,
      trusted_failures: sql`case when ${trusted} then ${own.failures} else trusted_failures end`,
      trusted_rounds: sql`case when ${trusted} then ${own.rounds} else trusted_rounds end`,
      trusted_blocked_until: sql`case when ${trusted} then ${own.blockedUntil} else trusted_blocked_until end`,
    })
    .where('authenticator_id', '=', authenticatorId)
    .where(
      sql<boolean>`(case when ${trusted} then coalesce(trusted_blocked_until, 0) else coalesce(blocked_until, 0) end) <= ${now}`,
    )
    .returning([
      'serial',
      'last_step',
      'drift_steps',
      sql<boolean>`${trusted}`.as('trusted'),
      sql<number>`case when ${trusted} then trusted_failures else failures end`.as('counted_failures'),
      sql<number | null>`case when ${trusted} then trusted_blocked_until else blocked_until end`.as(
        'counted_until',
      ),
    ])
    .executeTakeFirst();

  if (!counted) {
    // Slowed, or no such device (a decoy): the same one read either way.
    const lock = await db
      .selectFrom('code_devices')
      .select([
        sql<number | null>`case when ${trusted} then trusted_blocked_until else blocked_until end`.as(
          'until',
        ),
      ])
      .where('authenticator_id', '=', authenticatorId)
      .executeTakeFirst();
    matchStep(DECOY_SECRET, code, now, 0, null);
    if (lock?.until != null && Number(lock.until) > now)
      return { ok: false, code: 'code_slowed', until: Number(lock.until) };
    return { ok: false, code: 'code_wrong', left: leftAfter(1) };
  }

  const stock = await db
    .selectFrom('code_device_stock')
    .select('secret')
    .where('serial', '=', counted.serial)
    .executeTakeFirst();
  const secret = stock ? sealer.open(stock.secret, counted.serial) : undefined;
  const lastStep = Number(counted.last_step);
  const drift = Number(counted.drift_steps);
  const step = matchStep(secret ?? DECOY_SECRET, code, now, drift, lastStep);
  const until = counted.counted_until === null ? null : Number(counted.counted_until);
  if (step === undefined || secret === undefined) {
    if (until !== null && until > now) return { ok: false, code: 'code_slowed', until };
    return { ok: false, code: 'code_wrong', left: leftAfter(Number(counted.counted_failures)) };
  }

  // The right code: step, drift and the counter it was counted on, reset; the browser trusted.
  const wasTrusted = Boolean(Number(counted.trusted));
  const reset = wasTrusted
    ? { trusted_failures: 0, trusted_rounds: 0, trusted_blocked_until: null }
    : {
        failures: 0,
        rounds: 0,
        blocked_until: null,
        ...(browserHash === null
          ? {}
          : {
              trusted_browser_hash: browserHash,
              trusted_failures: 0,
              trusted_rounds: 0,
              trusted_blocked_until: null,
            }),
      };
  const won = await db
    .updateTable('code_devices')
    .set({ last_step: step, drift_steps: step - stepAt(now), ...reset })
    .where('authenticator_id', '=', authenticatorId)
    .where('last_step', '<', step)
    .executeTakeFirst();
  if (Number(won.numUpdatedRows) !== 1) {
    return { ok: false, code: 'code_wrong', left: leftAfter(Number(counted.counted_failures)) };
  }
  return { ok: true, step };
}
