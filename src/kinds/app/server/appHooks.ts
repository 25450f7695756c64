/**
 * The app kind's hooks (wired by the root's table, src/roots/mitid/hooks.ts), each in the
 * transaction of the change:
 *   authenticator.activated (kind app)   the new-device warning to every confirmed contact
 *   person.authenticated (notifyEveryUse) the use notice
 *   onBlocked                            the device's in-flight WebAuthn challenge is dropped
 */
import type { CoreEvents, Trx } from '../../../core/events/index.ts';
import { IdentityStore } from '../../../core/identity/index.ts';
import type { AppServerContext } from './appServerContext.ts';
import { DeviceStore } from './DeviceStore.ts';
import { notifyNewDevice } from './notifyNewDevice.ts';
import { notifyUse } from './notifyUse.ts';

export interface AppHooks {
  notifyNewDevice(trx: Trx, e: CoreEvents['authenticator.activated']): Promise<void>;
  notifyUse(trx: Trx, e: CoreEvents['person.authenticated']): Promise<void>;
  onBlocked(trx: Trx, authenticatorId: string): Promise<void>;
}

export function appHooks(ctx: AppServerContext): AppHooks {
  return {
    async notifyNewDevice(trx, e) {
      const identity = await new IdentityStore(trx).getById(e.identityId);
      if (identity) await notifyNewDevice(ctx, trx, identity, e.label, e.at);
    },
    async notifyUse(trx, e) {
      // The signed request read the identity without its contacts: read them only here.
      const identity = await new IdentityStore(trx).getById(e.identityId);
      if (identity) await notifyUse(ctx, trx, identity, e.serviceName, e.at);
    },
    async onBlocked(trx, authenticatorId) {
      await new DeviceStore(trx).dropInFlight(trx, authenticatorId, false);
    },
  };
}
