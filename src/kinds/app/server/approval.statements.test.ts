/**
 * The approval path's SQL budget (docs/decisions/0009): a complete approval with PIN — the
 * service creates it, the device lists it, starts the PIN login and sends its decision — runs 15
 * statements on both databases, the service client's budget included (RATE_LIMIT_PER_CLIENT,
 * counted in the database since issue 7):
 *   create    2  the client's budget, the INSERT (the identity found inside it)
 *   list      2  device ⋈ authenticator ⋈ PIN ⋈ identity ⟕ the authentications it may see; the replay record
 *   PIN start 4  the joined read (with the authentication); the replay record; the PIN count; the step state
 *   decision  7  the joined read; the replay record; the PIN count reset; BEGIN, the approving
 *                UPDATE, the activity log's row (core/activity, issue 9), COMMIT
 * The activity log records every use, so the approval is a transaction (a use notice adds its
 * outbox row inside it). A new read or write shows here first.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deliverySettled } from '../../../core/messages/index.ts';
import { dbStatements } from '../../../platform/db/database.ts';
import { dialectsUnderTest } from '../../../platform/db/testDb.ts';
import { pinProof } from './pinProof.ts';
import { startAppHarness } from './testing/appHarness.ts';

async function statementsOf(database: string): Promise<number> {
  const { values } = await dbStatements.get();
  return values.find((v) => v.labels.database === database)?.value ?? 0;
}

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: an approval with PIN takes 15 statements: 2 + 2 + 4 + 7`, async () => {
    const h = await startAppHarness({ dialect });
    try {
      const { person, device } = await h.activatedPerson();
      // The activation's messages are delivered in the background: not part of the approval.
      await deliverySettled(h.database.db);
      const name = h.database.name;
      const steps: number[] = [];
      let last = await statementsOf(name);
      const step = async (): Promise<void> => {
        const now = await statementsOf(name);
        steps.push(now - last);
        last = now;
      };
      const created = await h.createTransaction({
        userId: person.userId,
        serviceName: 'Min Bank',
        action: 'approve',
        text: 'Overfør 1.250,00 kr. til 9999 0087654321',
        level: 'high',
      });
      assert.equal(created.statusCode, 201);
      await step();
      const [tx] = await device.pending();
      assert.ok(tx);
      await step();
      const login = await device.pinLogin(tx.id);
      assert.ok(login.finishLoginRequest && login.sessionKey);
      await step();
      h.clock.advance(1);
      const decided = await device.signed('POST', `/transactions/${tx.id}/decision`, {
        decision: 'approve',
        finishLoginRequest: login.finishLoginRequest,
        signature: device.approvalSignature(tx, 'approve', pinProof(login.sessionKey)),
      });
      assert.equal(decided.statusCode, 200, decided.body);
      await step();
      assert.deepEqual(steps, [2, 2, 4, 7]);
      assert.equal((await h.transactionStatus(tx.id)).status, 'approved');
    } finally {
      await h.close();
    }
  });
}
