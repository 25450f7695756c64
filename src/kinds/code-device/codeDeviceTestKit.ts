/**
 * The code devices' tests' setup: a migrated database (both dialects) with two people who have a
 * MitID, the module built on it with a clock the test moves and an orders port over a map, a demo
 * batch of each kind imported through PSKC, and helpers to order, activate and log in.
 */
import type { Kysely } from 'kysely';
import type { Authentication } from '../../core/authentications/index.ts';
import type { Authenticator } from '../../core/authenticators/index.ts';
import { withAuthenticators } from '../../core/authenticators/testing/index.ts';
import type { MitidDb } from '../../core/db/index.ts';
import type { Dialect } from '../../platform/db/database.ts';
import { cryptoRandom } from '../../platform/random.ts';
import { CodeDevices } from './CodeDevices.ts';
import { makeDemoBatch } from './inventory/demoBatch.ts';
import type { CodeDeviceKind } from './tables.ts';

export const SERVER_SECRET = 'code-device-test-server-secret-0123456789';
/** 2026-11-24T09:00:00Z: inside a step (not at its edge). */
export const START = Date.UTC(2026, 10, 24, 9, 0, 10);

export interface Kit {
  db: Kysely<MitidDb>;
  devices: CodeDevices;
  clock: { now: number };
  people: { identityId: string; cpr: string }[];
  /** Orders by id → CPR (the orders port). */
  orders: Map<string, string>;
  /** A device of `kind` reserved for a new order of person `who`. */
  order(who: number, kind?: CodeDeviceKind): Promise<string>;
  /** A device ordered, verified and bound for person `who`: its serial and authenticator. */
  activate(who: number, kind?: CodeDeviceKind): Promise<{ serial: string; authenticator: Authenticator }>;
  /** A browser-bound authentication of person `who` (or of nobody). */
  auth(who: number | null, browserHash?: string | null): Authentication;
}

export async function withCodeDevices(dialect: Dialect, fn: (kit: Kit) => Promise<void>): Promise<void> {
  await withAuthenticators(dialect, 2, async (f) => {
    const clock = { now: START };
    const orders = new Map<string, string>();
    const devices = new CodeDevices({
      db: f.db,
      serverSecret: SERVER_SECRET,
      now: () => clock.now,
      orderCprOf: async (id) => orders.get(id),
    });
    for (const kind of ['codeDisplay', 'codeReader'] as const) {
      const batch = await makeDemoBatch(f.db, cryptoRandom, kind, 6, clock.now);
      const imported = await devices.importPskc(batch.xml, batch.transportKey);
      if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    }
    const people = await Promise.all(
      f.identityIds.map(async (identityId) => {
        const row = await f.db
          .selectFrom('identities')
          .select('cpr')
          .where('id', '=', identityId)
          .executeTakeFirstOrThrow();
        return { identityId, cpr: row.cpr };
      }),
    );
    let n = 0;
    const person = (who: number) => {
      const p = people[who];
      if (!p) throw new Error(`no person ${who}`);
      return p;
    };
    const order = async (who: number, kind: CodeDeviceKind = 'codeDisplay'): Promise<string> => {
      const id = `order-${++n}`;
      orders.set(id, person(who).cpr);
      const serial = await devices.serials.reserve(f.db, kind, id);
      if (!serial) throw new Error('out of stock');
      return serial;
    };
    const kit: Kit = {
      db: f.db,
      devices,
      clock,
      people,
      orders,
      order,
      async activate(who, kind = 'codeDisplay') {
        const serial = await order(who, kind);
        const code = (await devices.currentCode(serial, clock.now)) ?? '';
        const verified = await devices.verifyForActivation({ cpr: person(who).cpr, kind, serial, code });
        if (!verified.ok) throw new Error(`activation refused: ${verified.code}`);
        const id = `auth-${serial}`;
        await f.db.transaction().execute(async (trx) => {
          const made = await f.authenticators.activate(trx, {
            id,
            identityId: person(who).identityId,
            kind,
            label: serial,
          });
          if (!made.ok) throw new Error(made.code);
          const bound = await devices.bind(trx, {
            identityId: person(who).identityId,
            serial,
            step: verified.step,
            authenticatorId: id,
          });
          if (!bound.ok) throw new Error(bound.code);
        });
        const authenticator = await f.authenticators.get(id);
        if (!authenticator) throw new Error('no authenticator');
        return { serial, authenticator };
      },
      auth(who, browserHash = 'browser-home') {
        return {
          id: `authn-${++n}`,
          clientId: 'minbank',
          identityId: who === null ? null : person(who).identityId,
          action: 'login',
          serviceName: 'Min Bank',
          text: '',
          details: null,
          requestedLevel: 'substantial',
          requiresUv: false,
          kinds: ['codeDisplay', 'codeReader', 'password'],
          digest: 'd',
          challenge: 'c',
          channel: 'browser',
          channelVerifiedAt: clock.now,
          browserHash,
          status: 'pending',
          cancelReason: null,
          step: null,
          proofs: [],
          result: null,
          createdAt: clock.now,
          expiresAt: clock.now + 300_000,
          decidedAt: null,
          consumedAt: null,
        };
      },
    };
    await fn(kit);
  });
}
