/**
 * Test helpers (not shipped code): Anna's bank enrollment handed over to the wizard, and walked
 * through its pages with app.inject up to the user-ID step, with the mobile number's validation
 * code read from the outbox.
 */
import { MessageStore } from '../../../core/messages/index.ts';
import { ANNA, BANK_SECRET, csrfOf, type Harness, type TestBrowser } from '../../nemid/testing/index.ts';

export interface WizardFlow {
  b: TestBrowser;
  /** `/tilmelding/<id>` */
  base: string;
  post(step: string, fields: Record<string, string>): ReturnType<TestBrowser['post']>;
}

const version = (body: string): string => /name="version" value="(\d+)"/.exec(body)?.[1] ?? '';

/**
 * FÅ MITID NU at the bank for Anna: the RA call, and its hand-over taken by `b` (a new browser by
 * default). Returns the enrollment's id and the wizard's base path.
 */
export async function handOverToWizard(
  h: Harness,
  b: TestBrowser = h.browser(),
): Promise<{ b: TestBrowser; id: string; base: string }> {
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/ra/v1/enrollments',
    headers: { authorization: `Basic ${Buffer.from(`minbank:${BANK_SECRET}`).toString('base64')}` },
    payload: {
      cpr: ANNA.cpr,
      name: 'Anna Berg',
      identifiedBy: 'nemid-keycard',
      identifiedAt: h.clock.now().getTime(),
      returnUrl: `${h.config.bankUrl}/mitid/retur`,
    },
  });
  const url = new URL(res.json().continueUrl);
  const taken = await b.get(url.pathname + url.search);
  if (taken.statusCode !== 303) throw new Error(`hand-over: ${taken.statusCode}`);
  return { b, id: res.json().enrollmentId, base: String(taken.headers.location).replace(/\/[^/]+$/, '') };
}

export async function walkToUserId(h: Harness): Promise<WizardFlow> {
  const { b, base } = await handOverToWizard(h);
  const post = async (step: string, fields: Record<string, string>) => {
    const page = await b.get(`${base}/${step}`);
    return b.post(`${base}/${step}`, { _csrf: csrfOf(page.body), version: version(page.body), ...fields });
  };
  const expect303 = async (p: ReturnType<TestBrowser['post']>, what: string) => {
    const r = await p;
    if (r.statusCode !== 303) throw new Error(`${what}: ${r.statusCode}`);
  };
  await expect303(post('vilkaar', { accept: 'ja', terms: '2026-1', privacy: '2026-1' }), 'terms');
  await expect303(post('valg', { authenticator: 'app' }), 'choose');
  await expect303(post('kontakt', { action: 'mobile', mobile: '20 30 40 50' }), 'mobile');
  const sms = await new MessageStore(h.database.db).latestTo('+4520304050', 'sms');
  const code = /(\d{6})/.exec(sms?.body ?? '')?.[1] ?? '';
  await expect303(post('kontakt', { action: 'mobileCode', mobileCode: code }), 'mobile code');
  await expect303(post('kontakt', { action: 'continue' }), 'contact');
  return { b, base, post };
}
