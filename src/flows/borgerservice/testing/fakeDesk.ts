/**
 * For tests (not shipped code): a stand-in of flows/orders' pickup desk until wp-fulfilment's
 * `pickupsOf` and `handOver` land in main: pickups in memory, offices by id, and a handOver that
 * moves ready_for_pickup → collected once (the check and the change in one synchronous step, as
 * the real one's conditional UPDATE), refusing as the real one does.
 */
import type { DeskPickup, HandOverInput, HandOverResult, PickupDesk } from '../PickupDesk.ts';

export interface FakeDesk extends PickupDesk {
  pickups: (DeskPickup & { officeId: string })[];
  handOverCalls: HandOverInput[];
}

export function fakeDesk(offices: Record<string, string>, now: () => number): FakeDesk {
  const desk: FakeDesk = {
    pickups: [],
    handOverCalls: [],
    getOffice: async (id) => (offices[id] ? { id, name: offices[id] } : undefined),
    pickupsOf: async (officeId, from, to) =>
      desk.pickups
        .filter((p) => p.officeId === officeId && p.startsAt >= from && p.startsAt < to)
        .sort((a, b) => a.startsAt - b.startsAt)
        .map((p) => ({ ...p })),
    handOver: async (input): Promise<HandOverResult> => {
      desk.handOverCalls.push(input);
      const p = desk.pickups.find((x) => x.orderId === input.orderId);
      if (!p) return { ok: false, reason: 'orderNotFound' };
      if (p.status === 'collected') return { ok: false, reason: 'alreadyCollected' };
      if (p.status !== 'ready_for_pickup') return { ok: false, reason: 'notReady' };
      if (p.serialNumber !== input.serial.replace(/\s+/g, '').toUpperCase())
        return { ok: false, reason: 'serialMismatch' };
      p.status = 'collected';
      p.handover = { staffId: input.staffId, at: now(), idType: input.idType, idLast4: input.idLast4 };
      return { ok: true };
    },
  };
  return desk;
}
