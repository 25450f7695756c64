/**
 * The MitID service's kind registry (docs/decisions/0010 §3.1): the one list of authenticator
 * kinds, in the order the enrollment wizard shows them. The app registers itself from kinds/app.
 *
 * DESCRIPTOR-ONLY registrations: code display, code reader and chip have no Kind implementation
 * yet (issue 11 builds them in kinds/code-display, kinds/code-reader, kinds/chip and moves these
 * descriptors there). Until then the root registers what the wizard offers of them and the rules
 * decision 0010 gives them; code display and code reader are ordered devices (flows/orders), and
 * nothing can activate one, since no route calls Authenticators.activate for these kinds.
 */
import {
  type EnrollmentOffer,
  type KindDescriptor,
  type KindRegistry,
  kindRegistry,
} from '../../core/authenticators/index.ts';
import { appDescriptor } from '../../kinds/app/index.ts';
import { passwordDescriptor } from '../../kinds/password/index.ts';

/** Kodeviser: ordered (post or Borgerservice), used with a password; a confirmed mobile or e-mail. */
export const codeDisplayDescriptor: KindDescriptor & { enrollment: EnrollmentOffer } = {
  name: 'codeDisplay',
  factors: ['possession'],
  maxLevel: 'substantial',
  needs: ['password'],
  maxActivePerIdentity: 1,
  excludes: ['codeReader'],
  enrollment: {
    when: 'enrollment',
    deliveries: ['post', 'pickup'],
    contact: ['mobile', 'email'],
    label: 'wizard.choose.codeDisplay',
    hint: 'wizard.choose.codeDisplayHint',
    name: 'orders.kind.codeDisplay',
    contactNote: 'wizard.contact.deviceNeedsOne',
    contactMissing: 'wizard.contact.needOne',
  },
};

/** Kodeoplæser: as the code display, and it reads the code aloud. */
export const codeReaderDescriptor: KindDescriptor = {
  ...codeDisplayDescriptor,
  name: 'codeReader',
  excludes: ['codeDisplay'],
  enrollment: {
    ...codeDisplayDescriptor.enrollment,
    label: 'wizard.choose.codeReader',
    hint: 'wizard.choose.codeReaderHint',
    name: 'orders.kind.codeReader',
  },
};

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
  return kindRegistry([
    appDescriptor,
    codeDisplayDescriptor,
    codeReaderDescriptor,
    chipDescriptor,
    passwordDescriptor,
  ]);
}
