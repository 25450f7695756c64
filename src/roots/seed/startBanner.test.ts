import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../../config/config.ts';
import { DEMO_PASSWORD, demoPeople } from './demoPeople.ts';
import { startBanner } from './startBanner.ts';

const karen = demoPeople.find((p) => p.givenName === 'Karen');

test('with the development pages on, the banner shows the demo people and their password', () => {
  const banner = startBanner(loadConfig({}), demoPeople);
  assert.ok(karen);
  assert.ok(banner.includes(karen.nemidUserId));
  assert.ok(banner.includes(DEMO_PASSWORD));
  assert.match(banner, /\/dev\/beskeder/);
  assert.match(banner, /Device orders +http:\/\/localhost:3000\/dev\/ordrer/);
});

test('with DEV_PAGES=false the banner shows no CPR-shaped user-ID and no password, even if seeded', () => {
  const config = loadConfig({ DEV_PAGES: 'false', SEED_DEMO: 'true' });
  const banner = startBanner(config, demoPeople);
  assert.doesNotMatch(banner, /\d{6}-?\d{4}/, 'no CPR-shaped number');
  assert.ok(!banner.includes(DEMO_PASSWORD));
  for (const p of demoPeople) assert.ok(!banner.includes(p.nemidUserId), p.nemidUserId);
  assert.match(banner, /Warning: the demo people are in the database/);
  assert.match(banner, /development pages are off/);
  assert.match(banner, /Metrics\s+\(off\)/);
});

test('with DEV_PAGES=false and nothing seeded (the default) there is no warning', () => {
  const config = loadConfig({ DEV_PAGES: 'false' });
  assert.equal(config.seedDemo, false);
  assert.doesNotMatch(startBanner(config, []), /demo|Warning/i);
});
