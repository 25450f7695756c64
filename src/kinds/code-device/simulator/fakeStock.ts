/**
 * For tests (not shipped code): a stand-in of the code-device stock the simulators read, until the
 * inventory (wp-codedevice) is wired: fixed devices, each with a TOTP seed (RFC 6238, SHA-1, 6
 * digits, 30 s, otpauth), so a test can compute the code a device shows independently.
 */
import { TOTP } from 'otpauth';
import type { SimulatedDevice, SimulatorStock } from './SimulatorStock.ts';

export const fakeDevices: readonly (SimulatedDevice & { seed: string })[] = [
  {
    serial: 'KV-100000001',
    kind: 'codeDisplay',
    status: 'in_stock',
    seed: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  },
  {
    serial: 'KV-100000002',
    kind: 'codeDisplay',
    status: 'activated',
    seed: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  },
  {
    serial: 'KO-200000001',
    kind: 'codeReader',
    status: 'reserved',
    seed: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U',
  },
];

/** The code `serial` shows at `nowMs`, computed by otpauth from its seed. */
export function fakeCode(serial: string, nowMs: number): string | undefined {
  const device = fakeDevices.find((d) => d.serial === serial);
  return device
    ? new TOTP({ secret: device.seed, algorithm: 'SHA1', digits: 6, period: 30 }).generate({
        timestamp: nowMs,
      })
    : undefined;
}

export const fakeStock: SimulatorStock = {
  list: async () => fakeDevices.map(({ serial, kind, status }) => ({ serial, kind, status })),
  currentCode: async (serial, nowMs) => fakeCode(serial, nowMs),
};
