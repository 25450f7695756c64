/** The registration-authority API: who may start an enrollment, for whom, and what it refuses. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ANNA, BANK_SECRET, type Harness, startHarness } from '../../nemid/testing/index.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => h?.close());

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

function start(body: Record<string, unknown>, auth = basic('minbank', BANK_SECRET)) {
  return h.app.inject({
    method: 'POST',
    url: '/api/ra/v1/enrollments',
    headers: { authorization: auth, 'content-type': 'application/json' },
    payload: body,
  });
}

const valid = () => ({
  cpr: ANNA.cpr,
  name: 'Anna Berg',
  identifiedBy: 'nemid-keycard',
  identifiedAt: h.clock.now().getTime() - 60_000,
  returnUrl: `${h.config.bankUrl}/mitid/retur`,
});

async function enrollmentCount(): Promise<number> {
  return (await h.database.db.selectFrom('enrollments').select('id').execute()).length;
}

describe('POST /api/ra/v1/enrollments', () => {
  test('refusals change nothing and name a stable error', async () => {
    const cases: [string, Record<string, unknown>, string | undefined, number, string][] = [
      ['wrong secret', valid(), basic('minbank', 'wrong'), 401, 'invalid_client'],
      ['unknown client', valid(), basic('otherbank', BANK_SECRET), 401, 'invalid_client'],
      ['no authorization', valid(), '', 401, 'invalid_client'],
      ['bad CPR', { ...valid(), cpr: '3213901234' }, undefined, 400, 'invalid_request'],
      ['missing name', { ...valid(), name: '' }, undefined, 400, 'invalid_request'],
      ['name too long', { ...valid(), name: 'A'.repeat(201) }, undefined, 400, 'invalid_request'],
      [
        'foreign return URL',
        { ...valid(), returnUrl: 'https://evil.example/steal' },
        undefined,
        400,
        'invalid_request',
      ],
      [
        'old identification',
        { ...valid(), identifiedAt: h.clock.now().getTime() - 16 * 60_000 },
        undefined,
        422,
        'identification_too_old',
      ],
      [
        'future identification',
        { ...valid(), identifiedAt: h.clock.now().getTime() + 5 * 60_000 },
        undefined,
        422,
        'identification_too_old',
      ],
      ['unknown person', { ...valid(), cpr: '0101902345' }, undefined, 422, 'unknown_person'],
      ['wrong name', { ...valid(), name: 'Bent Berg' }, undefined, 422, 'unknown_person'],
    ];
    for (const [what, body, auth, status, error] of cases) {
      const res = await start(body, auth);
      assert.equal(res.statusCode, status, what);
      assert.equal(res.json().error, error, what);
    }
    assert.equal(await enrollmentCount(), 0);
  });

  test('a name with format or control characters is refused, though a collation would call it the same', async () => {
    for (const name of ['Anna\u200b Berg', 'Anna Be\u00adrg', 'Anna\u202e Berg', 'Anna\u0007 Berg']) {
      // The attack's premise: the registry's name and this one compare equal (format characters
      // are ignorable in collation), so without the check it would pass as Anna Berg.
      assert.equal(name.localeCompare('Anna Berg', 'da', { sensitivity: 'accent' }), 0, JSON.stringify(name));
      const res = await start({ ...valid(), name });
      assert.equal(res.statusCode, 400, JSON.stringify(name));
      assert.equal(res.json().error, 'invalid_request');
      assert.equal(res.json().field, 'name');
      assert.ok(['format', 'control'].includes(res.json().problem), res.json().problem);
    }
    assert.equal(await enrollmentCount(), 0);
  });

  test('starts once, resumes after, and the hand-over works once', async () => {
    const first = await start(valid());
    assert.equal(first.statusCode, 201);
    const { continueUrl, enrollmentId } = first.json();
    assert.ok(continueUrl.startsWith(`${h.config.mitidUrl}/tilmelding/overtag?ticket=`));
    const second = await start(valid());
    assert.equal(second.statusCode, 200);
    assert.equal(second.json().enrollmentId, enrollmentId);
    assert.equal(second.json().resumed, true);
    assert.equal(await enrollmentCount(), 1);

    const path = new URL(second.json().continueUrl).pathname + new URL(second.json().continueUrl).search;
    const oldPath = new URL(continueUrl).pathname + new URL(continueUrl).search;
    assert.equal((await h.app.inject(oldPath)).statusCode, 404, 'the first ticket was replaced');
    const taken = await h.app.inject(path);
    assert.equal(taken.statusCode, 303);
    assert.match(String(taken.headers.location), /\/tilmelding\/[\w-]+\/vilkaar$/);
    assert.equal((await h.app.inject(path)).statusCode, 404, 'a ticket works once');
  });

  test('POST /api/ra/v1/people/mitid-status tells its client where its customer stands', async () => {
    const ask = (body: Record<string, unknown>, auth = basic('minbank', BANK_SECRET)) =>
      h.app.inject({
        method: 'POST',
        url: '/api/ra/v1/people/mitid-status',
        headers: { authorization: auth, 'content-type': 'application/json' },
        payload: body,
      });
    const identified = { cpr: ANNA.cpr, name: 'Anna Berg', identifiedAt: h.clock.now().getTime() };
    assert.equal((await ask(identified, basic('minbank', 'wrong'))).statusCode, 401);
    assert.equal((await ask({ ...identified, cpr: '12345' })).statusCode, 400);
    assert.equal((await ask({ ...identified, identifiedAt: 'today' })).statusCode, 400);
    assert.deepEqual((await ask({ ...identified, cpr: '0101902345' })).json(), { status: 'none' });
    assert.deepEqual((await ask(identified)).json(), { status: 'enrolling' });
    assert.deepEqual((await ask({ cpr: ANNA.cpr })).json(), { status: 'enrolling' }, 'it started one');
  });
});
