/**
 * The kind registry's rules (KindRegistry.ts): what it refuses to register, and what it answers
 * for a kind it does not know. The MitID service's own registry: roots/mitid/kinds.test.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MessageId } from '../../i18n/catalogue.ts';
import type { EnrollmentOffer } from './Kind.ts';
import { type KindDescriptor, kindRegistry } from './KindRegistry.ts';

/** A descriptor with an offer (every one of these tests' kinds has one). */
type Offered = KindDescriptor & { enrollment: EnrollmentOffer };

const app: Offered = {
  name: 'app',
  factors: ['possession', 'knowledge', 'inherence'],
  maxLevel: 'high',
  needs: [],
  maxActivePerIdentity: 3,
  excludes: [],
  enrollment: {
    when: 'enrollment',
    deliveries: ['appStore'],
    contact: ['mobile'],
    label: 'wizard.choose.app',
    hint: 'wizard.choose.appHint',
    name: 'wizard.kind.app',
    contactNote: 'wizard.contact.appNeedsMobile',
    contactMissing: 'wizard.contact.needMobile',
  },
};
const display: Offered = {
  name: 'codeDisplay',
  factors: ['possession'],
  maxLevel: 'substantial',
  needs: ['password'],
  maxActivePerIdentity: 1,
  excludes: ['codeReader'],
  enrollment: {
    when: 'enrollment',
    deliveries: ['post', 'pickup'],
    contact: ['mobile', 'email'],
    label: 'wizard.choose.codeDisplay',
    hint: 'wizard.choose.codeDisplayHint',
    name: 'orders.kind.codeDisplay',
    contactNote: 'wizard.contact.deviceNeedsOne',
    contactMissing: 'wizard.contact.needOne',
  },
};
const reader: Offered = {
  ...display,
  name: 'codeReader',
  excludes: ['codeDisplay'],
  enrollment: { ...display.enrollment, label: 'wizard.choose.codeReader', name: 'orders.kind.codeReader' },
};
const chip: Offered = {
  name: 'chip',
  factors: ['possession'],
  maxLevel: 'high',
  needs: ['password'],
  maxActivePerIdentity: 1,
  excludes: [],
  enrollment: {
    when: 'inUse',
    deliveries: ['post'],
    contact: [],
    label: 'wizard.kind.chip',
    hint: 'wizard.choose.chip',
    name: 'wizard.kind.chip',
  },
};

const refused = (descriptors: KindDescriptor[], problem: RegExp) =>
  assert.throws(() => kindRegistry(descriptors), problem);

test('the registry answers by name, in registration order, and offers by when', () => {
  const kinds = kindRegistry([app, display, reader, chip]);
  assert.deepEqual(kinds.names(), ['app', 'codeDisplay', 'codeReader', 'chip']);
  assert.deepEqual(
    kinds.offered('enrollment').map((k) => k.name),
    ['app', 'codeDisplay', 'codeReader'],
  );
  assert.deepEqual(
    kinds.offered('inUse').map((k) => k.name),
    ['chip'],
  );
  assert.equal(kinds.choosableAtEnrollment('app'), true);
  assert.equal(kinds.choosableAtEnrollment('chip'), false, 'the chip only once MitID is in use');
  assert.equal(kinds.offer('codeReader')?.name, 'orders.kind.codeReader');
  assert.deepEqual(kinds.activationRules().codeDisplay, {
    factors: ['possession'],
    maxLevel: 'substantial',
    maxActivePerIdentity: 1,
    excludes: ['codeReader'],
  });
});

test('an unknown kind is refused: at registration, and when asked for', () => {
  refused([{ ...app, name: 'bogus' as never }], /Authenticator kind bogus is no known kind/);
  const kinds = kindRegistry([app]);
  for (const name of ['bogus', 'password', 'codeDisplay', '', '__proto__', 'constructor', 'App']) {
    assert.equal(kinds.get(name), undefined, name);
    assert.equal(kinds.offer(name), undefined, name);
    assert.equal(kinds.choosableAtEnrollment(name), false, name);
    assert.throws(() => kinds.require(name), /is not registered/, name);
  }
  assert.deepEqual(Object.keys(kinds.activationRules()), ['app']);
});

test('an offer without its texts in the catalogue is refused, naming the text', () => {
  refused(
    [{ ...app, enrollment: { ...app.enrollment, label: 'wizard.choose.nothing' as MessageId } }],
    /app has no text label in the catalogue \(wizard\.choose\.nothing\)/,
  );
  refused(
    [{ ...app, enrollment: { ...app.enrollment, hint: '' as MessageId } }],
    /app has no text hint in the catalogue/,
  );
  const { contactNote: _, ...withoutNote } = app.enrollment;
  refused([{ ...app, enrollment: withoutNote }], /app has no text contactNote in the catalogue/);
  // A kind offered only in use needs no contact texts; its label, hint and name it does need.
  assert.ok(kindRegistry([chip]));
  refused(
    [{ ...chip, enrollment: { ...chip.enrollment, name: undefined as never } }],
    /chip has no text name/,
  );
});

test('rules that could not hold are refused when the registry is built', () => {
  refused([app, app], /app is registered twice/);
  refused([{ ...app, factors: [] }], /has no factors/);
  refused([{ ...app, factors: ['possession', 'luck' as never] }], /has no factors, or unknown ones/);
  refused([{ ...app, maxLevel: 'extreme' as never }], /unknown level/);
  refused([{ ...app, maxActivePerIdentity: 0 }], /at least one active/);
  refused([{ ...app, maxActivePerIdentity: 1.5 }], /at least one active/);
  refused([{ ...app, excludes: ['app'] }], /excludes an unknown kind, or itself/);
  refused([{ ...app, needs: ['bogus' as never] }], /needs an unknown kind/);
  refused(
    [display, { ...reader, excludes: [] }],
    /codeDisplay excludes codeReader, which does not exclude it back/,
  );
  refused(
    [{ ...app, enrollment: { ...app.enrollment, deliveries: ['appStore', 'post'] } }],
    /both from the app store and as an ordered device/,
  );
  refused([{ ...app, enrollment: { ...app.enrollment, deliveries: [] } }], /no deliveries/);
  refused([{ ...app, enrollment: { ...app.enrollment, deliveries: ['drone' as never] } }], /unknown ones/);
  refused(
    [{ ...app, enrollment: { ...app.enrollment, contact: [] } }],
    /offered at enrollment but needs no contact/,
  );
  refused([{ ...app, enrollment: { ...app.enrollment, contact: ['fax' as never] } }], /unknown contact/);
  refused([{ ...app, enrollment: { ...app.enrollment, when: 'never' as never } }], /unknown offer time/);
});
