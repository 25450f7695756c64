/**
 * The gates' sweep (roots/mitid/sweep.ts runs it with the others). The status a person sees is
 * computed on read (Gates.ts); the sweep does what a read cannot:
 * - the "Du har fået adgang" notice when a gate opens: each due gate (waiting, opens_at passed,
 *   not expired, notified_at null) is claimed with one conditional UPDATE (status 'open',
 *   notified_at now) and its notice queued in the same transaction, so two nodes sweeping at
 *   once send it once, and a crash sends it neither half;
 * - live gates past expires_at are written 'expired' (the rows stay: the person's history).
 */
import type { Kysely } from 'kysely';
import type { MitidDb } from '../../core/db/index.ts';
import { wakeDelivery } from '../../core/messages/index.ts';
import type { Random } from '../../platform/random.ts';
import { GATE_WHAT } from './Gates.ts';
import { type NoticeLog, noticeContacts } from './noticeContacts.ts';
import type { GatesDb } from './tables.ts';

/** At most this many opening notices per sweep (the next sweep takes the rest). */
const BATCH = 200;

export async function sweepGates(
  d: { db: Kysely<MitidDb>; random: Random; log?: NoticeLog },
  now: number,
): Promise<{ gatesOpened: number; gatesExpired: number }> {
  const db = d.db as unknown as Kysely<GatesDb>;
  const due = await db
    .selectFrom('gates')
    .select(['id', 'identity_id', 'action'])
    .where('status', '=', 'waiting')
    .where('opens_at', '<=', now)
    .where('expires_at', '>', now)
    .where('notified_at', 'is', null)
    .orderBy('opens_at')
    .limit(BATCH)
    .execute();
  let opened = 0;
  for (const gate of due) {
    const claimed = await d.db.transaction().execute(async (trx) => {
      const res = await (trx as unknown as Kysely<GatesDb>)
        .updateTable('gates')
        .set({ status: 'open', notified_at: now, updated_at: now })
        .where('id', '=', gate.id)
        .where('status', '=', 'waiting')
        .where('notified_at', 'is', null)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) return false;
      await noticeContacts(
        trx,
        d,
        gate.identity_id,
        { subject: 'selfservice.gate.notice.open.subject', body: 'selfservice.gate.notice.open.body' },
        now,
        { what: GATE_WHAT[gate.action] },
      );
      return true;
    });
    if (claimed) opened++;
  }
  if (opened > 0) wakeDelivery(d.db);
  const expired = await db
    .updateTable('gates')
    .set({ status: 'expired', updated_at: now })
    .where('status', 'in', ['waiting', 'open'])
    .where('expires_at', '<=', now)
    .executeTakeFirst();
  return { gatesOpened: opened, gatesExpired: Number(expired.numUpdatedRows) };
}
