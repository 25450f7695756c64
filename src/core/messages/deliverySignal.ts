/**
 * The in-process nudge of the transactional outbox: the delivery worker started on a database
 * attaches itself here, and whoever commits a queued message on that database wakes it, so a
 * message goes out right after its commit instead of at the next poll. Keyed by the Kysely
 * instance (one per service and process), so every notifier of the service reaches the one
 * worker its composition root started. Other nodes find the row at their next poll.
 */

export interface Wakeable {
  nudge(): void;
  /** Resolves when no delivery pass is running or asked for. */
  settled(): Promise<void>;
}

/** The database handle a worker is attached to (a Kysely instance; any object works as a key). */
type DbKey = object;

const workers = new WeakMap<DbKey, Wakeable>();

export function attachWorker(db: DbKey, worker: Wakeable): void {
  workers.set(db, worker);
}

export function detachWorker(db: DbKey, worker: Wakeable): void {
  if (workers.get(db) === worker) workers.delete(db);
}

/** After a commit that queued messages: delivery starts now in this process (if a worker runs). */
export function wakeDelivery(db: DbKey): void {
  workers.get(db)?.nudge();
}

/** For tests and scripts: waits until the worker on `db` has nothing running or asked for. */
export async function deliverySettled(db: DbKey): Promise<void> {
  await workers.get(db)?.settled();
}
