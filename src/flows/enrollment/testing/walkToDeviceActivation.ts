/**
 * Test helper (not shipped code): Anna's bank enrollment with a MitID kodeviser (or kodeoplæser)
 * by post, walked with app.inject through the wizard to the activation step, and the order
 * delivered (flows/orders' deliverAll), so the activation page shows.
 */
import { MessageStore } from '../../../core/messages/index.ts';
import { cryptoRandom } from '../../../platform/random.ts';
import { ANNA, csrfOf, type Harness } from '../../nemid/testing/index.ts';
import { DeviceOrders } from '../../orders/index.ts';
import { handOverToWizard, type WizardFlow } from './walkWizard.ts';

const version = (body: string): string => /name="version" value="(\d+)"/.exec(body)?.[1] ?? '';

export interface DeviceFlow extends WizardFlow {
  serial: string;
  orderId: string;
  userId: string;
  /** The activation page's form, posted as the person would (csrf and version from the page). */
  activate(fields: Record<string, string>): ReturnType<WizardFlow['post']>;
}

export async function walkToDeviceActivation(
  h: Harness,
  kind: 'codeDisplay' | 'codeReader' = 'codeDisplay',
  userId = 'Anna-kodeviser',
): Promise<DeviceFlow> {
  const { b, base } = await handOverToWizard(h);
  const post = async (step: string, fields: Record<string, string>) => {
    const page = await b.get(`${base}/${step}`);
    return b.post(`${base}/${step}`, { _csrf: csrfOf(page.body), version: version(page.body), ...fields });
  };
  const expect303 = async (p: ReturnType<WizardFlow['post']>, what: string) => {
    const r = await p;
    if (r.statusCode !== 303) throw new Error(`${what}: ${r.statusCode}`);
  };
  await expect303(post('vilkaar', { accept: 'ja', terms: '2026-1', privacy: '2026-1' }), 'terms');
  await expect303(post('valg', { authenticator: kind }), 'choose');
  await expect303(post('kontakt', { action: 'mobile', mobile: '20 30 40 50' }), 'mobile');
  const sms = await new MessageStore(h.database.db).latestTo('+4520304050', 'sms');
  const code = /(\d{6})/.exec(sms?.body ?? '')?.[1] ?? '';
  await expect303(post('kontakt', { action: 'mobileCode', mobileCode: code }), 'mobile code');
  await expect303(post('kontakt', { action: 'continue' }), 'contact');
  await expect303(post('bruger-id', { userId }), 'user-ID');
  await expect303(post('hent', { delivery: 'post' }), 'order');
  const orders = new DeviceOrders({ db: h.database.db, clock: h.clock, random: cryptoRandom });
  const [order] = await orders.deliverAll(ANNA.cpr);
  if (!order?.serialNumber) throw new Error('the order has no serial number');
  return {
    b,
    base,
    post,
    serial: order.serialNumber,
    orderId: order.id,
    userId,
    activate: (fields) => post('aktiver', { action: 'device', ...fields }),
  };
}
