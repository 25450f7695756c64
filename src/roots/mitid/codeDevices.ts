/**
 * The code devices of the MitID service (kinds/code-device, decision 0014 §3): built from the
 * server secret, with the orders' port `orderCprOf` answered here, in the root, through flows/orders'
 * public API (a kind never imports a flow). Their Kind objects go into
 * MitidCore.implementations (what the login box calls).
 */
import type { ServiceDeps } from '../../config/deps.ts';
import { serverSecretOf } from '../../config/secrets.ts';
import type { MitidDb } from '../../core/db/index.ts';
import { DeviceOrders } from '../../flows/orders/index.ts';
import { CodeDevices } from '../../kinds/code-device/index.ts';
import type { MitidCore } from './hooks.ts';

export function createCodeDevices(deps: ServiceDeps<MitidDb>): CodeDevices {
  const orders = new DeviceOrders({ db: deps.db, clock: deps.clock, random: deps.random });
  return new CodeDevices({
    db: deps.db,
    serverSecret: serverSecretOf(deps.secrets),
    now: () => deps.clock.now().getTime(),
    // The order's person, through flows/orders' public API (its table is its own); on the
    // caller's transaction when there is one (bind's: SQLite's one connection is held by it).
    orderCprOf: async (orderId, db) =>
      (
        await (db ? new DeviceOrders({ db, clock: deps.clock, random: deps.random }) : orders).getOrder(
          orderId,
        )
      )?.cpr,
  });
}

/** The two code kinds' behaviour, registered for the login box. */
export function registerCodeDeviceKinds(core: MitidCore, devices: CodeDevices): void {
  core.implementations.codeDisplay = devices.kinds.codeDisplay;
  core.implementations.codeReader = devices.kinds.codeReader;
}
