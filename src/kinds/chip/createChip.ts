/**
 * The chip kind built from the service's deps: its Kind (for MitidCore.implementations) and its
 * registration (for MitID.dk's port), on one relying party (config.mitidUrl) and one user-handle
 * key.
 */
import type { ServiceDeps } from '../../config/deps.ts';
import { serverSecretOf } from '../../config/secrets.ts';
import type { Kind } from '../../core/authenticators/index.ts';
import { createSealer } from '../../core/codes/index.ts';
import type { MitidDb } from '../../core/db/index.ts';
import { type ChipAnswer, createChipKind } from './chipKind.ts';
import { type ChipRegistration, createChipRegistration } from './registration.ts';
import { relyingPartyOf } from './relyingParty.ts';
import { userHandles } from './userHandle.ts';

export interface Chip {
  kind: Kind<ChipAnswer>;
  registration: ChipRegistration;
}

export function createChip(deps: ServiceDeps<MitidDb>): Chip {
  const secret = serverSecretOf(deps.secrets);
  const rp = relyingPartyOf(deps.config.mitidUrl);
  const handles = userHandles(secret);
  return {
    kind: createChipKind({ rp, sealer: createSealer(secret), handles, random: deps.random }),
    registration: createChipRegistration({
      db: deps.db,
      now: () => deps.clock.now().getTime(),
      random: deps.random,
      rp,
      handles,
    }),
  };
}
