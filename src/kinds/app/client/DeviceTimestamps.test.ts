import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { promisify } from 'node:util';
import { TestClock } from '../../../platform/clock.ts';
import type { AppResult } from './appErrors.ts';
import { CLAIM_LIFETIME_MS, DeviceTimestamps } from './DeviceTimestamps.ts';

const root = mkdtempSync(path.join(tmpdir(), 'app-timestamps-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = (): string => path.join(root, `state${++n}`);

const value = (r: AppResult<number>): number => {
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return r.value;
};

test('800 calls at once on a frozen clock get 800 different, increasing timestamps', async () => {
  const clock = new TestClock();
  const t0 = clock.now().getTime();
  const stamps = new DeviceTimestamps(freshDir(), clock);
  const got = (await Promise.all(Array.from({ length: 800 }, () => stamps.next('dev_a')))).map(value);
  assert.equal(new Set(got).size, 800);
  assert.deepEqual(
    got,
    [...got].sort((a, b) => a - b),
    'in the order asked',
  );
  assert.equal(got[0], t0);
  assert.equal(got.at(-1), t0 + 799);
  assert.equal(value(await stamps.next('dev_b')), t0, 'each device counts for itself');
});

test('two client objects on one state directory (no memory shared) never send the same timestamp', async () => {
  const clock = new TestClock();
  const dir = freshDir();
  // Two objects share nothing in memory, as two processes would not; only the directory.
  const a = new DeviceTimestamps(dir, clock);
  const b = new DeviceTimestamps(dir, clock);
  const both = await Promise.all(
    Array.from({ length: 400 }, (_, i) => (i % 2 ? a : b).next('dev_a')).concat(
      Array.from({ length: 400 }, (_, i) => (i % 2 ? b : a).next('dev_a')),
    ),
  );
  const got = both.map(value);
  assert.equal(new Set(got).size, 800, 'every timestamp claimed once');
  assert.equal(readdirSync(path.join(dir, 'timestamps', 'dev_a')).length, 800);
});

test('two real processes on one state directory, on the same frozen millisecond: 600 unique timestamps', async () => {
  const dir = freshDir();
  const module = new URL('./DeviceTimestamps.ts', import.meta.url).href;
  const script = `
    import { DeviceTimestamps } from ${JSON.stringify(module)};
    const stamps = new DeviceTimestamps(${JSON.stringify(dir)}, { now: () => new Date(1795510800000) });
    const got = await Promise.all(Array.from({ length: 300 }, () => stamps.next('dev_a')));
    console.log(JSON.stringify(got.map((r) => (r.ok ? r.value : r.error.code))));`;
  const run = () =>
    promisify(execFile)(process.execPath, ['--input-type=module', '--eval', script], { encoding: 'utf8' });
  const outputs = await Promise.all([run(), run()]);
  const got = outputs.flatMap((o) => JSON.parse(o.stdout) as number[]);
  assert.equal(got.length, 600);
  assert.ok(got.every((t) => typeof t === 'number'));
  assert.equal(new Set(got).size, 600, 'no timestamp sent by both');
});

test('a restart within the window continues after the newest claim, even when the clock went back', async () => {
  const clock = new TestClock();
  const dir = freshDir();
  const first = new DeviceTimestamps(dir, clock);
  let last = 0;
  for (let i = 0; i < 5; i++) last = value(await first.next('dev_a'));
  clock.advance(-10_000); // the system clock is set back 10 s
  const restarted = new DeviceTimestamps(dir, clock);
  assert.equal(value(await restarted.next('dev_a')), last + 1);
});

test('claims too old to pass the server’s check are removed; a removed device’s claims go', async () => {
  const clock = new TestClock();
  const dir = freshDir();
  const deviceDir = path.join(dir, 'timestamps', 'dev_a');
  const stamps = new DeviceTimestamps(dir, clock);
  const t0 = value(await stamps.next('dev_a'));
  clock.advance(CLAIM_LIFETIME_MS + 1);
  const later = new DeviceTimestamps(dir, clock);
  const t1 = value(await later.next('dev_a'));
  assert.deepEqual(readdirSync(deviceDir), [String(t1)], `${t0} removed`);
  await later.forget('dev_a');
  assert.throws(() => readdirSync(deviceDir), /ENOENT/);
});

test('a state directory that cannot be written is a state_error, not a thrown exception', async () => {
  const file = path.join(root, `not-a-dir${++n}`);
  writeFileSync(file, 'x');
  const res = await new DeviceTimestamps(file, new TestClock()).next('dev_a');
  assert.equal(res.ok ? 'ok' : res.error.code, 'state_error');
});

test('without a state directory the timestamps still increase in this object', async () => {
  const clock = new TestClock();
  const stamps = new DeviceTimestamps(undefined, clock);
  const got = (await Promise.all([1, 2, 3].map(() => stamps.next('dev_a')))).map(value);
  assert.deepEqual(
    got,
    [0, 1, 2].map((i) => clock.now().getTime() + i),
  );
});
