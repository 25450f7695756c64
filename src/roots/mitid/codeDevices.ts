/**
 * The code devices of the MitID service (kinds/code-device, decision 0014 §3): built from the
 * server secret, with the orders' port `orderCprOf` read here, in the root, since device_orders is
 * flows/orders' table and a kind never imports a flow. Their Kind objects go into
 * MitidCore.implementations (what the login box calls).
 */
import type { ServiceDeps } from '../../config/deps.ts';
import { serverSecretOf } from '../../config/secrets.ts';
import type { MitidDb } from '../../core/db/index.ts';
import { CodeDevices } from '../../kinds/code-device/index.ts';
import type { MitidCore } from './hooks.ts';

export function createCodeDevices(deps: ServiceDeps<MitidDb>): CodeDevices {
  return new CodeDevices({
    db: deps.db,
    serverSecret: serverSecretOf(deps.secrets),
    now: () => deps.clock.now().getTime(),
    orderCprOf: async (orderId) =>
      (await deps.db.selectFrom('device_orders').select('cpr').where('id', '=', orderId).executeTakeFirst())
        ?.cpr,
  });
}

/** The two code kinds' behaviour, registered for the login box. */
export function registerCodeDeviceKinds(core: MitidCore, devices: CodeDevices): void {
  core.implementations.codeDisplay = devices.kinds.codeDisplay;
  core.implementations.codeReader = devices.kinds.codeReader;
}
