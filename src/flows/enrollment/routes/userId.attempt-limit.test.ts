/**
 * The user-ID step's "taken" is an oracle of which user-IDs exist, open to a person logged in
 * with NemID: it answers for 20 user-IDs per enrollment (userIdChecks.ts), counted in the
 * database, and then checks no more.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { IdentityStore } from '../../../core/identity/index.ts';
import { addPeople } from '../../../core/identity/testing/index.ts';
import { nemidReservation } from '../../nemid/index.ts';
import { type Harness, startHarness } from '../../nemid/testing/index.ts';
import { walkToUserId } from '../testing/walkWizard.ts';
import { USER_ID_CHECKS_PER_ENROLLMENT } from '../userIdChecks.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => h?.close());

test('20 user-IDs are checked per enrollment; the 21st is not, even a free one', async () => {
  const cprs = await addPeople(h.database.db, USER_ID_CHECKS_PER_ENROLLMENT);
  const identities = new IdentityStore(h.database.db, { nemidReservation: nemidReservation(h.database.db) });
  for (const [i, cpr] of cprs.entries())
    await identities.createIdentity({ cpr, userId: `someone-else-${i}`, contacts: [] }, 0, `other-${i}`);
  const flow = await walkToUserId(h);
  // A rule broken is named (it tells nothing about other people) and costs no check.
  assert.match((await flow.post('bruger-id', { userId: 'abc' })).body, /mindst 5 tegn/);

  // The probe: 20 user-IDs of other people, each answered "taken" and counted.
  for (let i = 0; i < USER_ID_CHECKS_PER_ENROLLMENT; i++) {
    const res = await flow.post('bruger-id', { userId: `Someone-Else-${i}` });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Bruger-ID er allerede i brug/, `someone-else-${i}`);
  }
  const counted = await h.database.db.selectFrom('user_id_checks').select('checks').executeTakeFirstOrThrow();
  assert.equal(counted.checks, USER_ID_CHECKS_PER_ENROLLMENT);

  // The 21st answers the same whether the user-ID exists or not, and creates nothing.
  const existing = await flow.post('bruger-id', { userId: 'someone-else-0' });
  const free = await flow.post('bruger-id', { userId: 'Anna-helt-ny' });
  for (const res of [existing, free]) {
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Du har prøvet for mange bruger-ID&#39;er|Du har prøvet for mange bruger-ID'er/);
  }
  assert.equal(await identities.getByUserId('Anna-helt-ny'), undefined);
});
