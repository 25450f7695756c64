/**
 * The two code kinds' entries in the kind registry (decision 0010 §3.1, 0014 §1): kodeviser and
 * kodeoplæser differ only in their names and in reading the code aloud. Ordered (post or
 * Borgerservice), used with a password, at most Substantial; never both at once.
 */
import type { EnrollmentOffer, KindDescriptor } from '../../core/authenticators/index.ts';

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
