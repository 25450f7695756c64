import assert from 'node:assert/strict';
import { test } from 'node:test';
import { identityStatuses } from './Identity.ts';
import { canChangeStatus, statusesLeadingTo } from './identityStatus.ts';

test('revoked is final; nothing goes back to pending_activation; a blocked identity was active', () => {
  for (const to of identityStatuses) assert.equal(canChangeStatus('revoked', to), false);
  for (const from of identityStatuses) assert.equal(canChangeStatus(from, 'pending_activation'), false);
  assert.deepEqual(statusesLeadingTo('blocked'), ['active']);
  assert.deepEqual(statusesLeadingTo('active'), ['pending_activation', 'blocked']);
  assert.deepEqual(statusesLeadingTo('revoked'), ['pending_activation', 'active', 'blocked']);
  for (const s of identityStatuses) assert.equal(canChangeStatus(s, s), false, 'no self-loops');
});
