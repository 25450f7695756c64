/**
 * The code devices as the root wires them (decision 0014 §3, §5): built once from the MitID
 * server secret (the seeds' sealing key) and the orders' port, it gives the two Kind objects,
 * fulfilment's SerialSource, the activation's verify and bind, the simulators' current code, and
 * the PSKC import.
 */

import type { Kysely } from 'kysely';
import type { Kind } from '../../core/authenticators/index.ts';
import type { MitidDb } from '../../core/db/index.ts';
import {
  type ActivationInput,
  type BindInput,
  bindDevice,
  type OrderCprOf,
  verifyForActivation,
} from './activation.ts';
import { importPskc, type PskcImport } from './inventory/importPskc.ts';
import { type CodeAnswer, createCodeDeviceKind } from './kind.ts';
import { createDeviceSecretSealer, type DeviceSecretSealer } from './secretSealer.ts';
import { createSerialSource, currentCodeOf, type SerialSource } from './stock.ts';
import type { CodeDeviceKind } from './tables.ts';

export interface CodeDevicesOptions {
  db: Kysely<MitidDb>;
  /** The MitID server secret (the key store's `server-secret`): the seeds' key is derived from it. */
  serverSecret: string;
  now(): number;
  /** The CPR number of a device order (flows/orders' table, read by the root). */
  orderCprOf: OrderCprOf;
}

export class CodeDevices {
  readonly #db: Kysely<MitidDb>;
  readonly #now: () => number;
  readonly #orderCprOf: OrderCprOf;
  readonly sealer: DeviceSecretSealer;
  readonly kinds: Record<CodeDeviceKind, Kind<CodeAnswer>>;
  readonly serials: SerialSource;

  constructor(opts: CodeDevicesOptions) {
    this.#db = opts.db;
    this.#now = opts.now;
    this.#orderCprOf = opts.orderCprOf;
    this.sealer = createDeviceSecretSealer(opts.serverSecret);
    const deps = { db: opts.db, sealer: this.sealer };
    this.kinds = {
      codeDisplay: createCodeDeviceKind('codeDisplay', deps),
      codeReader: createCodeDeviceKind('codeReader', deps),
    };
    this.serials = createSerialSource(opts.now);
  }

  /** Counts and checks the activation's code (committed on its own). */
  verifyForActivation(input: ActivationInput): ReturnType<typeof verifyForActivation> {
    return verifyForActivation(this.#db, this.sealer, this.#orderCprOf, input, this.#now());
  }

  /** In the activation's transaction, after Authenticators.activate: the stock activated, code_devices made. */
  bind(trx: Kysely<MitidDb>, input: BindInput): ReturnType<typeof bindDevice> {
    return bindDevice(trx, this.#orderCprOf, input, this.#now());
  }

  /** The code the device shows at `nowMs` (the simulators, the CLI); undefined for an unknown serial. */
  currentCode(serial: string, nowMs: number): Promise<string | undefined> {
    return currentCodeOf(this.#db, this.sealer, serial, nowMs);
  }

  importPskc(xml: string, transportKey: Buffer): Promise<PskcImport> {
    return importPskc(this.#db, this.sealer, xml, transportKey, this.#now());
  }
}
