/**
 * The MitID service's kind registry (docs/decisions/0010 §3.1): the one list of authenticator
 * kinds, in the order the enrollment wizard shows them. Each kind registers its descriptor from its
 * own module: the app from kinds/app, the code display and code reader from kinds/code-device, the
 * chip from kinds/chip, the password (never chosen alone: no offer) from kinds/password
 * (decision 0014).
 */
import { type KindRegistry, kindRegistry } from '../../core/authenticators/index.ts';
import { appDescriptor } from '../../kinds/app/index.ts';
import { chipDescriptor } from '../../kinds/chip/index.ts';
import { codeDisplayDescriptor, codeReaderDescriptor } from '../../kinds/code-device/index.ts';
import { passwordDescriptor } from '../../kinds/password/index.ts';

/** The registry the root passes to the wizard and to Authenticators. */
export function mitidKinds(): KindRegistry {
  return kindRegistry([
    appDescriptor,
    codeDisplayDescriptor,
    codeReaderDescriptor,
    chipDescriptor,
    passwordDescriptor,
  ]);
}
