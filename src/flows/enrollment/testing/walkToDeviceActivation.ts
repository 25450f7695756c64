/**
 * Test helper (not shipped code): Anna's bank enrollment with a MitID kodeviser (or kodeoplæser)
 * by post, walked with app.inject through the wizard to the activation step, a demo batch of
 * devices in the stock (kinds/code-device's import), and the order delivered with a device of
 * the stock (flows/orders' deliverAll with the stock as its SerialSource), so the activation
 * page shows. `devices` gives the device's current code; `otherSerial` is a device in stock that
 * is not Anna's.
 */

import { serverSecretOf } from '../../../config/secrets.ts';
import { MessageStore } from '../../../core/messages/index.ts';
import { CodeDevices, createSerialSource, makeDemoBatch } from '../../../kinds/code-device/index.ts';
import { cryptoRandom } from '../../../platform/random.ts';
import { ANNA, csrfOf, type Harness } from '../../nemid/testing/index.ts';
import { DeviceOrders } from '../../orders/index.ts';
import { handOverToWizard, type WizardFlow } from './walkWizard.ts';

const version = (body: string): string => /name="version" value="(\d+)"/.exec(body)?.[1] ?? '';

export interface DeviceFlow extends WizardFlow {
  serial: string;
  otherSerial: string;
  devices: CodeDevices;
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
  const db = h.database.db;
  const now = () => h.clock.now().getTime();
  const devices = new CodeDevices({
    db,
    serverSecret: serverSecretOf(h.secrets),
    now,
    orderCprOf: async (id, on = db) =>
      (await on.selectFrom('device_orders').select('cpr').where('id', '=', id).executeTakeFirst())?.cpr,
  });
  const batch = await makeDemoBatch(db, cryptoRandom, kind, 2, now());
  const imported = await devices.importPskc(batch.xml, batch.transportKey);
  if (!imported.ok) throw new Error('the demo batch did not import');
  const orders = new DeviceOrders({
    db,
    clock: h.clock,
    random: cryptoRandom,
    serials: createSerialSource(now),
  });
  const [order] = await orders.deliverAll(ANNA.cpr);
  if (!order?.serialNumber) throw new Error('the order has no serial number');
  const serial = order.serialNumber;
  const otherSerial = batch.devices.map((d) => d.serial).find((x) => x !== serial) ?? '';
  return {
    b,
    base,
    post,
    serial,
    otherSerial,
    devices,
    orderId: order.id,
    userId,
    activate: (fields) => post('aktiver', { action: 'device', ...fields }),
  };
}
