/**
 * The choose step renders and validates from the kind registry (roots/mitid/kinds.ts): its
 * choices in the registry's order with their offers' texts, the chip's note, and a refusal with a
 * clear message in both languages, nothing written, for a kind the registry does not offer here.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { t } from '../../../i18n/catalogue.ts';
import { ANNA, csrfOf, type Harness, startHarness, type TestBrowser } from '../../nemid/testing/index.ts';
import { enrollmentKinds } from '../testing/index.ts';
import { handOverToWizard } from '../testing/walkWizard.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => h?.close());

const row = async () =>
  h.database.db.selectFrom('enrollments').selectAll().where('cpr', '=', ANNA.cpr).executeTakeFirstOrThrow();
const version = (body: string) => /name="version" value="(\d+)"/.exec(body)?.[1] ?? '';

async function post(b: TestBrowser, path: string, fields: Record<string, string>) {
  const page = await b.get(path);
  return b.post(path, { _csrf: csrfOf(page.body), version: version(page.body), ...fields });
}

test('the choose step offers, and accepts, only what the kind registry offers at enrollment', async () => {
  const { b, base } = await handOverToWizard(h);
  let res = await post(b, `${base}/vilkaar`, { accept: 'ja', terms: '2026-1', privacy: '2026-1' });
  assert.equal(res.statusCode, 303);

  const page = await b.get(`${base}/valg`);
  assert.equal(page.statusCode, 200);
  const values = [...page.body.matchAll(/name="authenticator" value="([^"]+)"/g)].map((m) => m[1]);
  const offered = enrollmentKinds.offered('enrollment');
  assert.deepEqual(
    values,
    offered.map((k) => k.name),
  );
  assert.deepEqual(values, ['app', 'codeDisplay', 'codeReader'], "the guide's order");
  for (const k of offered) {
    assert.ok(page.body.includes(`>${t('da', k.enrollment.label)}</label>`), k.name);
    assert.ok(page.body.includes(t('da', k.enrollment.hint)), k.name);
  }
  for (const k of enrollmentKinds.offered('inUse'))
    assert.ok(page.body.includes(t('da', k.enrollment.hint)), k.name);

  const before = await row();
  const cases = [
    // A registered kind that is only offered once MitID is in use: named in the refusal.
    { value: 'chip', da: 'MitID chip kan ikke vælges her. Vælg et identifikationsmiddel på listen.' },
    // A kind name the registry does not hold, and no kind at all.
    { value: 'password', da: 'Vælg et identifikationsmiddel.' },
    { value: 'bogus', da: 'Vælg et identifikationsmiddel.' },
    { value: '__proto__', da: 'Vælg et identifikationsmiddel.' },
  ];
  for (const c of cases) {
    res = await post(b, `${base}/valg`, { authenticator: c.value });
    assert.equal(res.statusCode, 400, c.value);
    assert.ok(res.body.includes(c.da), `${c.value}: ${c.da}`);
    assert.doesNotMatch(res.body, /at .*\.ts:\d+/, 'no stack trace');
  }
  await b.get(`${base}/valg?lang=en`);
  res = await post(b, `${base}/valg`, { authenticator: 'chip' });
  assert.equal(res.statusCode, 400);
  assert.ok(
    res.body.includes('MitID chip cannot be chosen here. Choose a means of identification from the list.'),
  );

  const after = await row();
  assert.equal(after.state, before.state, 'nothing written: the state');
  assert.equal(after.version, before.version, 'nothing written: the version');
  assert.equal(after.updated_at, before.updated_at, 'nothing written: the time');
  assert.equal(JSON.parse(after.state).authenticator, null);

  res = await post(b, `${base}/valg`, { authenticator: 'codeReader' });
  assert.equal(res.statusCode, 303);
  assert.equal(JSON.parse((await row()).state).authenticator, 'codeReader');
  const contact = await b.get(`${base}/kontakt?lang=da`);
  assert.ok(contact.body.includes(t('da', 'wizard.contact.deviceNeedsOne')), "the offer's contact note");
  assert.ok(!contact.body.includes(t('da', 'wizard.contact.appNeedsMobile')));
});
