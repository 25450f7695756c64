/**
 * A person's bank enrollment for the app as the wizard leaves it at the activation step: the
 * enrollment started by Min Bank, the identity with its confirmed contacts, and every step up to
 * "the app obtained" applied through EnrollmentStore. For `npm run people -- create --with-app`
 * (a person for testing a service without a phone) and the tests; never reached from a route.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { KindRegistry } from '../../core/authenticators/index.ts';
import type { MitidDb } from '../../core/db/index.ts';
import type { Contact, Identity } from '../../core/identity/index.ts';
import { IdentityStore } from '../../core/identity/index.ts';
import { cryptoRandom } from '../../platform/random.ts';
import { nemidReservation } from '../nemid/index.ts';
import { EnrollmentStore } from './EnrollmentStore.ts';

export interface AtActivation {
  cpr: string;
  userId: string;
  contacts: Contact[];
  /** Where the bank's enrollment returns to. */
  bankUrl: string;
  now: () => number;
}

export async function enrollAtActivation(
  db: Kysely<MitidDb>,
  kinds: KindRegistry,
  p: AtActivation,
): Promise<{ identity: Identity; enrollmentId: string }> {
  const enrollments = new EnrollmentStore(db, kinds);
  let { enrollment: e } = await enrollments.start(
    {
      cpr: p.cpr,
      route: 'bank',
      raClientId: 'minbank',
      raName: 'Min Bank',
      identifiedBy: 'nemid-keycard',
      returnUrl: `${p.bankUrl}/`,
      ticket: cryptoRandom.token(),
    },
    p.now(),
    cryptoRandom.token(16),
  );
  const identity = await new IdentityStore(db, { nemidReservation: nemidReservation(db) }).createIdentity(
    { cpr: p.cpr, userId: p.userId, contacts: p.contacts },
    p.now(),
    // A UUID, as the enrollment's user-ID step makes it: the MitID uuid of the claims and of
    // `simulation=no-ui uuid:<uuid>`.
    randomUUID(),
  );
  const events = [
    { type: 'acceptTerms', terms: '2026.1', privacy: '2026.1' },
    { type: 'choose', authenticator: 'app' },
    { type: 'contactConfirmed', channel: 'mobile' },
    { type: 'continue' },
    { type: 'userIdChosen' },
    { type: 'authenticatorObtained', delivery: 'appStore' },
  ] as const;
  for (const event of events) {
    const patch = event.type === 'userIdChosen' ? { userId: identity.userId, identityId: identity.id } : {};
    const moved = await enrollments.apply(e.id, e.version, event, patch, p.now());
    if (!moved.ok) throw new Error(`enrollment refused ${event.type}: ${moved.reason}`);
    e = moved.enrollment;
  }
  return { identity, enrollmentId: e.id };
}
