/**
 * The in-transaction hook bus (docs/decisions/0010 §3.5): how one module's change has its effects
 * in another module without writing that module's tables. Rules:
 * - a hook runs inside the transaction of the change that emits it, after the change, in the
 *   order the hooks were registered; a hook that throws rolls the whole change back;
 * - a hook writes only its own module's tables; effects outside the database go through the outbox;
 * - `when` says, before any transaction is opened, whether a hook has work for an event: when no
 *   hook wants it, `inTransactionIfWanted` runs the change on the plain handle (no BEGIN/COMMIT),
 *   so an approval without a use notice stays one UPDATE.
 */
import type { Kysely } from 'kysely';
import type { AuthenticationResult } from '../authentications/index.ts';
import type { Actor, BlockReason, KindName } from '../authenticators/index.ts';
import type { MitidDb } from '../db/index.ts';

/** A handle inside the change's transaction. */
export type Trx = Kysely<MitidDb>;

type About = { identityId: string; at: number };

export interface CoreEvents {
  'authenticator.activated': About & { authenticatorId: string; kind: KindName; label: string };
  /** The result of an approval, the client that asked, what the person read, and their choice. */
  'person.authenticated': About &
    AuthenticationResult & {
      authenticationId: string;
      clientId: string;
      serviceName: string;
      notifyEveryUse: boolean;
    };
  'authentication.ended': About & { authenticationId: string; status: 'rejected' | 'cancelled' };
  'authenticator.blocked': About & {
    authenticatorId: string;
    kind: KindName;
    by: Actor;
    reason: BlockReason;
  };
  'authenticator.unblocked': About & { authenticatorId: string; kind: KindName; by: Actor };
  'authenticator.revoked': About & { authenticatorId: string; kind: KindName; by: Actor };
  'identity.blocked': About & { by: Actor; reason: BlockReason };
  'identity.unblocked': About & { by: Actor };
}

export type EventName = keyof CoreEvents;
export type Hook<E extends EventName> = (trx: Trx, e: CoreEvents[E]) => Promise<void>;
export type When<E extends EventName> = (e: CoreEvents[E]) => boolean;

export interface Hooks {
  /** `when`: whether the hook has work for this event, decided before any transaction is opened. */
  on<E extends EventName>(event: E, hook: Hook<E>, when?: When<E>): void;
  /** Whether any hook has work for this event. */
  wants<E extends EventName>(event: E, e: CoreEvents[E]): boolean;
  /** Runs, on `trx`, every hook that wants the event, in registration order; the first throw stops. */
  emit<E extends EventName>(trx: Trx, event: E, e: CoreEvents[E]): Promise<void>;
}

interface Entry {
  hook: (trx: Trx, e: never) => Promise<void>;
  when: ((e: never) => boolean) | undefined;
}

export function createHooks(): Hooks {
  const table = new Map<EventName, Entry[]>();
  const entries = (event: EventName): Entry[] => table.get(event) ?? [];
  const wanted = <E extends EventName>(entry: Entry, e: CoreEvents[E]): boolean =>
    entry.when === undefined || (entry.when as When<E>)(e);
  return {
    on(event, hook, when) {
      table.set(event, [...entries(event), { hook: hook as Entry['hook'], when: when as Entry['when'] }]);
    },
    wants(event, e) {
      return entries(event).some((entry) => wanted(entry, e));
    },
    async emit(trx, event, e) {
      for (const entry of entries(event)) {
        if (wanted(entry, e)) await (entry.hook as Hook<typeof event>)(trx, e);
      }
    },
  };
}

/** No hooks at all: for stores used where nothing listens (tools, tests of one module). */
export const noHooks: Hooks = createHooks();

/**
 * Runs `change` in a transaction when `wanted` (it emits its hooks there), else on `db` itself:
 * one statement stays one statement. `change` gets the handle to run on and whether it is a
 * transaction the hooks may use.
 */
export async function inTransactionIfWanted<T>(
  db: Kysely<MitidDb>,
  wanted: boolean,
  change: (on: Kysely<MitidDb>, inTransaction: boolean) => Promise<T>,
): Promise<T> {
  if (!wanted) return change(db, false);
  if (db.isTransaction) return change(db, true);
  return db.transaction().execute((trx) => change(trx, true));
}
