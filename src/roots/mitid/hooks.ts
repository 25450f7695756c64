/**
 * The MitID service's hook table (docs/decisions/0010 §3.5): which module reacts to which core
 * event, in this order, inside the transaction of the change. Nothing else registers hooks.
 *
 *   authenticator.activated   identity pending → active; enrollment ends its activation step;
 *                             the app's new-device notice (kind app only)
 *   person.authenticated      the use notice, when the person chose "besked hver gang";
 *                             the person's activity log (core/activity)
 *   authentication.ended      the activity log (rejected in the app; cancelled: Afbryd, the
 *                             client, a newer login, a block)
 *   authenticator.blocked     its authentications in a step are cancelled, and the person's
 *                             open ones that no authenticator still active may answer
 *   authenticator.revoked     as blocked
 *   identity.blocked          every open authentication of the person is cancelled
 */

import type { ServiceDeps } from '../../config/deps.ts';
import { activityHooks } from '../../core/activity/index.ts';
import { Authentications } from '../../core/authentications/index.ts';
import {
  Authenticators,
  type Kind,
  type KindName,
  type KindRegistry,
} from '../../core/authenticators/index.ts';
import type { ClientRegistry } from '../../core/clients/index.ts';
import type { MitidDb } from '../../core/db/index.ts';
import { createHooks, type Hooks, type Trx } from '../../core/events/index.ts';
import { IdentityStore } from '../../core/identity/index.ts';
import { onAuthenticatorActivated } from '../../flows/enrollment/index.ts';
import type { AppHooks } from '../../kinds/app/index.ts';

export interface MitidCore {
  hooks: Hooks;
  /** The kinds (roots/mitid/kinds.ts): their activation rules are what Authenticators keeps. */
  kinds: KindRegistry;
  authenticators: Authenticators;
  authentications: Authentications;
  clients: ClientRegistry;
  /**
   * The kinds' behaviour (Kind objects), by name: what the login box calls to begin a step and to
   * turn an answer into a proof (decision 0014 §4). The root fills it as it builds the kinds.
   */
  implementations: Partial<Record<KindName, Kind<never>>>;
}

export function createMitidCore(
  deps: ServiceDeps<MitidDb>,
  clients: ClientRegistry,
  kinds: KindRegistry,
): MitidCore & { wire(app: AppHooks): void } {
  const hooks = createHooks();
  const now = () => deps.clock.now().getTime();
  const authentications = new Authentications({ db: deps.db, now, hooks });
  const onBlocked: Record<string, (trx: Trx, id: string) => Promise<void>> = {};
  const authenticators = new Authenticators({
    db: deps.db,
    now,
    hooks,
    rules: kinds.activationRules(),
    onBlocked,
  });
  return {
    hooks,
    kinds,
    authenticators,
    authentications,
    clients,
    implementations: {},
    wire(app) {
      onBlocked.app = app.onBlocked;
      hooks.on('authenticator.activated', async (trx, e) => {
        await new IdentityStore(trx).setStatus(e.identityId, 'active', e.at);
      });
      hooks.on('authenticator.activated', onAuthenticatorActivated(kinds));
      hooks.on('authenticator.activated', app.notifyNewDevice, (e) => e.kind === 'app');
      hooks.on('person.authenticated', app.notifyUse, (e) => e.notifyEveryUse);
      hooks.on('person.authenticated', activityHooks.authenticated);
      hooks.on('authentication.ended', activityHooks.ended);
      // What the authenticator was in a step of, and what no authenticator of the person still
      // active may answer (read on the block's transaction: the blocked one is no longer active).
      const cancelUnanswerable = async (trx: Trx, e: { identityId: string; authenticatorId: string }) => {
        const left = await authenticators.listFor(e.identityId, undefined, trx);
        const answerable = [...new Set(left.filter((a) => a.status === 'active').map((a) => a.kind))];
        await authentications.cancelPendingOf(trx, { ...e, answerable });
      };
      hooks.on('authenticator.blocked', (trx, e) => cancelUnanswerable(trx, e));
      hooks.on('authenticator.revoked', (trx, e) => cancelUnanswerable(trx, e));
      hooks.on('identity.blocked', async (trx, e) => {
        await authentications.cancelPendingOf(trx, { identityId: e.identityId });
      });
    },
  };
}
