import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dummyHash, hashPassword, verifyDummy, verifyPassword } from './passwordHash.ts';

test('Argon2id with OWASP parameters; verifies the right password only', async () => {
  const h = await hashPassword('Demo-NemID-2026');
  assert.match(h, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  assert.equal(await verifyPassword(h, 'Demo-NemID-2026'), true);
  assert.equal(await verifyPassword(h, 'demo-nemid-2026'), false);
  assert.equal(await verifyPassword('not a hash', 'x'), false);
});

test('the dummy verification costs what a real one costs', async () => {
  // Same algorithm and parameters is what makes the time equal; the timing below is a loose check
  // (medians of interleaved runs) because test files share the CPU.
  const phcParams = (h: string) => h.split('$').slice(1, 4).join('$');
  const h = await hashPassword('pw123456');
  assert.equal(phcParams(await dummyHash()), phcParams(h));
  const real: number[] = [];
  const dummy: number[] = [];
  for (let i = 0; i < 9; i++) {
    let start = performance.now();
    await verifyPassword(h, 'wrong1');
    real.push(performance.now() - start);
    start = performance.now();
    await verifyDummy('wrong1');
    dummy.push(performance.now() - start);
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[4] ?? 0;
  const ratio = median(dummy) / median(real);
  // A different algorithm or cost differs by far more than a busy machine's noise (×4).
  assert.ok(ratio > 0.25 && ratio < 4, `real ${median(real)} ms, dummy ${median(dummy)} ms`);
});
