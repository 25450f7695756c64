/**
 * Shared setup of the chip's tests: a MitID database (every migration) with active people, the
 * core's Authenticators (the root's kind rules) and Authentications, the chip's Kind and
 * registration on one relying party, and helpers to register a SoftChip and open a login.
 */
import type { Kysely } from 'kysely';
import { type Authentication, Authentications } from '../../../core/authentications/index.ts';
import type { Authenticator, Kind, Proof } from '../../../core/authenticators/index.ts';
import { Authenticators } from '../../../core/authenticators/index.ts';
import { createSealer } from '../../../core/codes/index.ts';
import type { MitidDb } from '../../../core/db/index.ts';
import { createHooks } from '../../../core/events/index.ts';
import { IdentityStore } from '../../../core/identity/index.ts';
import { addPeople, T0 } from '../../../core/identity/testing/index.ts';
import { nemidReservation } from '../../../flows/nemid/index.ts';
import { TestClock } from '../../../platform/clock.ts';
import type { Dialect } from '../../../platform/db/database.ts';
import { openTestDatabase } from '../../../platform/db/testDb.ts';
import { cryptoRandom } from '../../../platform/random.ts';
import { mitidMigrations } from '../../../roots/mitid/db/migrations.ts';
import { mitidKinds } from '../../../roots/mitid/kinds.ts';
import {
  type ChipAnswer,
  type ChipRegistration,
  createChipKind,
  createChipRegistration,
  relyingPartyOf,
  userHandles,
} from '../index.ts';
import { SoftChip } from './softChip.ts';

export const ORIGIN = 'https://mitid.test';
export const SECRET = 'chip-test-server-secret-chip-test-server-secret';

export interface ChipKit {
  db: Kysely<MitidDb>;
  clock: TestClock;
  identityIds: string[];
  authenticators: Authenticators;
  authentications: Authentications;
  kind: Kind<ChipAnswer>;
  registration: ChipRegistration;
  ctx: { db: Kysely<MitidDb>; now(): number };
  /** Registers `chip` for person i through the whole ceremony; its authenticator. */
  register(i: number, chip?: SoftChip): Promise<{ chip: SoftChip; authenticator: Authenticator }>;
  /** A login box's authentication for the chip and the password, for person i (null: nobody). */
  login(i: number | null, id?: string): Promise<Authentication>;
  /** The authentication as the box reads it at the answer's POST. */
  reread(id: string): Promise<Authentication>;
  /** What the box does at START: the kind's begin, its state kept as the step; the row reread. */
  begin(
    a: Authenticator,
    auth: Authentication,
  ): Promise<{ options: { challenge: string }; auth: Authentication }>;
  /** What the box does with a proof: addProof, consuming the step state it was given for. */
  prove(auth: Authentication, proof: Proof): Promise<boolean>;
}

export async function withChipKit(
  dialect: Dialect,
  people: number,
  fn: (k: ChipKit) => Promise<void>,
): Promise<void> {
  const database = await openTestDatabase<MitidDb>(dialect, mitidMigrations);
  try {
    const db = database.db;
    const clock = new TestClock(new Date(T0));
    const now = () => clock.now().getTime();
    const cprs = await addPeople(db, people);
    const identities = new IdentityStore(db, { nemidReservation: nemidReservation(db) });
    const identityIds: string[] = [];
    for (const [i, cpr] of cprs.entries()) {
      const id = `identity-${i}`;
      await identities.createIdentity({ cpr, userId: `chip-user-${i}`, contacts: [] }, T0, id);
      await identities.setStatus(id, 'active', T0);
      identityIds.push(id);
    }
    const hooks = createHooks();
    const authenticators = new Authenticators({ db, now, hooks, rules: mitidKinds().activationRules() });
    const authentications = new Authentications({ db, now, hooks });
    const rp = relyingPartyOf(ORIGIN);
    const handles = userHandles(SECRET);
    const kind = createChipKind({
      rp,
      sealer: createSealer(SECRET),
      handles,
      random: cryptoRandom,
    });
    const registration = createChipRegistration({ db, now, random: cryptoRandom, rp, handles });
    const idOf = (i: number): string => identityIds[i] ?? '';
    let n = 0;
    const kit: ChipKit = {
      db,
      clock,
      identityIds,
      authenticators,
      authentications,
      kind,
      registration,
      ctx: { db, now },
      async register(i, chip = new SoftChip(ORIGIN)) {
        const identityId = idOf(i);
        const { registrationId, options } = await registration.registrationOptions({
          identityId,
          userId: `chip-user-${i}`,
          displayName: 'Test Person',
        });
        const finished = await db.transaction().execute((trx) =>
          registration.finishRegistration(trx, authenticators, {
            registrationId,
            identityId,
            response: chip.register(options),
          }),
        );
        if (!finished.ok) throw new Error(`registration refused: ${finished.reason}`);
        const authenticator = await authenticators.get(finished.authenticatorId);
        if (!authenticator) throw new Error('no authenticator');
        return { chip, authenticator };
      },
      async login(i, id = `auth-${++n}`) {
        return authentications.create({
          id,
          clientId: 'minbank',
          serviceName: 'Min Bank',
          action: 'login',
          text: 'Log på hos Min Bank',
          requestedLevel: 'high',
          requiresUv: true,
          kinds: ['chip', 'password'],
          challenge: `challenge-${id}`,
          who: i === null ? { userId: 'nobody-has-this' } : { identityId: idOf(i) },
          channel: { browserHash: 'browser-1', secret: 'c2VjcmV0LXNlY3JldC1zZWNyZXQ', verified: true },
        });
      },
      async begin(a, auth) {
        const step = await kind.begin(kit.ctx, a, auth);
        if (step.type !== 'webauthn' || step.state === undefined) throw new Error('not a chip step');
        if (!(await authentications.startStep(auth.id, a.id, step.state))) throw new Error('step not kept');
        return { options: step.options as { challenge: string }, auth: await kit.reread(auth.id) };
      },
      async prove(auth, proof) {
        return authentications.addProof(auth, {
          proof,
          challenge: auth.challenge ?? '',
          ...(auth.step ? { stepState: auth.step.state } : {}),
          evidence: { chip: proof.authenticatorId },
          notifyEveryUse: false,
          ial: 'substantial',
        });
      },
      async reread(id) {
        const a = await authentications.get(id);
        if (!a) throw new Error(`no authentication ${id}`);
        return a;
      },
    };
    await fn(kit);
  } finally {
    await database.close();
  }
}

/** The login box's stand-in authenticator for nobody (decision 0014 §4): an id with no row. */
export const decoyAuthenticator = (identityId = 'nobody'): Authenticator => ({
  id: `decoy-${cryptoRandom.token(12)}`,
  identityId,
  kind: 'chip',
  status: 'active',
  label: 'MitID chip',
  factors: ['possession'],
  maxLevel: 'high',
  blockedReason: null,
  blockedBy: null,
  createdAt: T0,
  activatedAt: T0,
  blockedAt: null,
  revokedAt: null,
  updatedAt: T0,
});
