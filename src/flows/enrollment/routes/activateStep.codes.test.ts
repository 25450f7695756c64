/**
 * The net bank's activation code (step 7, the app): a blocked or used code is replaced at once,
 * 5 codes an hour (not 3 for as long as the code's row lives), and the page tells the logged-in
 * person when wrong tries have blocked their code.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MINUTE } from '../../../platform/clock.ts';
import { type Harness, startHarness } from '../../nemid/testing/index.ts';
import { walkToUserId } from '../testing/walkWizard.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => h?.close());

const shownCode = (body: string): string =>
  (/class="activation-code"[^>]*>(\d{4}) (\d{4})</.exec(body) ?? []).slice(1).join('');

test('five codes an hour, a blocked one said so and replaced at once', async () => {
  const flow = await walkToUserId(h);
  assert.equal((await flow.post('bruger-id', { userId: 'Anna-aktiverer' })).statusCode, 303);
  assert.equal((await flow.post('hent', { delivery: 'appStore' })).statusCode, 303);

  const codes: string[] = [];
  for (let i = 0; i < 5; i++) {
    const res = await flow.post('aktiver', { action: 'code' });
    assert.equal(res.statusCode, 200);
    codes.push(shownCode(res.body));
    h.clock.advance(MINUTE);
  }
  assert.equal(new Set(codes).size, 5);
  const sixth = await flow.post('aktiver', { action: 'code' });
  assert.equal(sixth.statusCode, 429);
  assert.match(sixth.body, /Du har lavet 5 aktiveringskoder inden for en time/);
  assert.equal(shownCode(sixth.body), '');

  // A stranger burns the live code from the app: 5 activations of 3 wrong codes each.
  const live = codes.at(-1) ?? '';
  for (let flowNo = 0; flowNo < 5; flowNo++) {
    const started = await h.app.inject({
      method: 'POST',
      url: '/api/app/v1/activations',
      payload: { userId: 'anna-aktiverer', deviceName: 'Fremmed' },
    });
    for (let n = 1; n <= 3; n++) {
      const wrong = String((Number(live) + 3 * flowNo + n) % 100_000_000).padStart(8, '0');
      await h.app.inject({
        method: 'POST',
        url: `/api/app/v1/activations/${started.json().activationId}/activation-code`,
        payload: { code: wrong },
      });
    }
  }
  const page = await flow.b.get(`${flow.base}/aktiver`);
  assert.match(page.body, /Din aktiveringskode er spærret, fordi der er tastet for mange forkerte koder/);

  // The hour since the first code is over: a new code at once. The person keeps the page in use
  // meanwhile (the wizard's browser binding ends after 15 idle minutes; wizard.binding-ended).
  for (let i = 0; i < 4; i++) {
    h.clock.advance(14 * MINUTE);
    assert.equal((await flow.b.get(`${flow.base}/aktiver`)).statusCode, 200);
  }
  const fresh = await flow.post('aktiver', { action: 'code' });
  assert.equal(fresh.statusCode, 200);
  assert.match(shownCode(fresh.body), /^\d{8}$/);
});
