/**
 * The chip's entry in the kind registry (moved here from roots/mitid/kinds.ts, decision 0014 §4):
 * a FIDO security key, bought on MitID.dk only once MitID is in use (the guide), used with the
 * MitID password (chip + password → high), one active per person.
 */
import type { EnrollmentOffer, KindDescriptor } from '../../core/authenticators/index.ts';

/** What the wizard's choose step says of the chip (offered only in use, on MitID.dk). */
export const chipEnrollmentOffer: EnrollmentOffer = {
  when: 'inUse',
  deliveries: ['post'],
  contact: [],
  label: 'wizard.kind.chip',
  hint: 'wizard.choose.chip',
  name: 'wizard.kind.chip',
};

export const chipDescriptor: KindDescriptor = {
  name: 'chip',
  factors: ['possession'],
  maxLevel: 'high',
  needs: ['password'],
  maxActivePerIdentity: 1,
  excludes: [],
  enrollment: chipEnrollmentOffer,
};

/** The label of a chip's authenticator row, as "Mine identifikationsmidler" lists it. */
export const CHIP_LABEL = 'MitID chip';
