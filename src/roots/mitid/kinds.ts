/**
 * The MitID service's kind registry (docs/decisions/0010 §3.1): the one list of authenticator
 * kinds, in the order the enrollment wizard shows them. The app registers itself from kinds/app,
 * the code display and code reader from kinds/code-device.
 *
 * DESCRIPTOR-ONLY registration: the chip has no Kind implementation yet (issue 11 builds it in
 * kinds/chip and moves its descriptor there).
 */
import { type KindDescriptor, type KindRegistry, kindRegistry } from '../../core/authenticators/index.ts';
import { appDescriptor } from '../../kinds/app/index.ts';
import { codeDisplayDescriptor, codeReaderDescriptor } from '../../kinds/code-device/index.ts';

/** The chip: bought on MitID.dk only once MitID is in use (the guide), used with a password. */
export const chipDescriptor: KindDescriptor = {
  name: 'chip',
  factors: ['possession'],
  maxLevel: 'high',
  needs: ['password'],
  maxActivePerIdentity: 1,
  excludes: [],
  enrollment: {
    when: 'inUse',
    deliveries: ['post'],
    contact: [],
    label: 'wizard.kind.chip',
    hint: 'wizard.choose.chip',
    name: 'wizard.kind.chip',
  },
};

/** The registry the root passes to the wizard and to Authenticators. */
export function mitidKinds(): KindRegistry {
  return kindRegistry([appDescriptor, codeDisplayDescriptor, codeReaderDescriptor, chipDescriptor]);
}
