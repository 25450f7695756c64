/**
 * The process dies (SIGKILL) inside the activation's two steps that send a message, at the two
 * points that matter, on SQLite and PostgreSQL; the app then repeats the step and it completes:
 *   in-transaction  the step's writes are rolled back: the same request again works (the net
 *                   bank's code is still usable) and its message is delivered;
 *   after-commit    everything is written, the message queued but not delivered (claimed by the
 *                   dead worker): the same request again gets the same answer (not 409
 *                   wrong_step), a different one does not, and the message is delivered once
 *                   the dead worker's lease has run out.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as opaque from '@serenity-kit/opaque';
import { sql } from 'kysely';
import { activationCodeSms, deriveCodeKey, OneTimeCodes } from '../../../core/codes/index.ts';
import { deliverySettled, LEASE_MS, wakeDelivery } from '../../../core/messages/index.ts';
import { dialectsUnderTest } from '../../../platform/db/testDb.ts';
import { cryptoRandom } from '../../../platform/random.ts';
import { type AppHarness, SERVER_SECRET, startAppHarness } from './testing/appHarness.ts';
import { expectStatus, type TestDevice } from './testing/TestDevice.ts';

const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testing', 'activationStepChild.ts');
type Point = 'in-transaction' | 'after-commit';

/** Runs the step in a child process and kills it at `point`; resolves once it is dead. */
function crashStep(
  h: AppHarness,
  device: TestDevice,
  step: 'activation-code' | 'finish',
  body: unknown,
  point: Point,
): Promise<string> {
  const d = h.database;
  const args = {
    url: d.url,
    dataDir: d.url === 'sqlite' ? d.where : '',
    name: d.name,
    configDataDir: h.config.dataDir,
    now: h.clock.now().getTime(),
    step,
    activationId: device.activationId,
    body,
    pauseAt: point,
  };
  return new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', child, JSON.stringify(args)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`child did not pause within 20 s: ${out}`));
    }, 20_000);
    const read = (chunk: Buffer): void => {
      out += String(chunk);
      if (out.includes(`paused at ${point}`)) proc.kill('SIGKILL');
    };
    proc.stdout.on('data', read);
    proc.stderr.on('data', read);
    proc.on('exit', (_code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL' && out.includes(`paused at ${point}`)) resolve(out);
      else reject(new Error(`child ended without pausing (${signal}): ${out}`));
    });
  });
}

const stepOf = async (h: AppHarness, id: string) =>
  (
    await h.database.db
      .selectFrom('app_activations')
      .select('step')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).step;

const rowsTo = (h: AppHarness, recipient: string) =>
  h.database.db
    .selectFrom('messages')
    .select(['id', 'status', 'body', 'claimed_until'])
    .where('recipient', '=', recipient)
    .orderBy(sql`seq`)
    .execute();

/** After the dead worker's lease: delivery by this (restarted) service completes. */
async function deliverAfterLease(h: AppHarness): Promise<void> {
  h.clock.advance(LEASE_MS + 1);
  wakeDelivery(h.database.db);
  await deliverySettled(h.database.db);
}

/** The OPAQUE registration (step 4) and the body of step 5, not yet sent. */
async function finishBody(device: TestDevice): Promise<Record<string, unknown>> {
  const { clientRegistrationState, registrationRequest } = opaque.client.startRegistration({
    password: '123456',
  });
  const res = await device.step('pin', { registrationRequest });
  expectStatus(res, 200);
  const { registrationRecord } = opaque.client.finishRegistration({
    clientRegistrationState,
    registrationResponse: res.json().registrationResponse,
    password: '123456',
    keyStretching: { 'argon2id-custom': { iterations: 1, memory: 1024, parallelism: 1 } },
  });
  return { registrationRecord, publicKey: device.publicJwk };
}

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: killed inside the activation-code step's transaction → nothing written; the same code again completes`, async () => {
    const h = await startAppHarness({ dialect });
    try {
      const person = await h.person();
      const mobile = person.mobile ?? '';
      const code = await h.activationCode(person);
      const device = h.device();
      device.activationId = (await device.start(person.userId)).json().activationId;

      await crashStep(h, device, 'activation-code', { code }, 'in-transaction');
      // The crash happened with the code checked and the SMS written, uncommitted: all gone.
      assert.equal(await stepOf(h, device.activationId), 'activationCode');
      assert.deepEqual(await rowsTo(h, mobile), []);
      const codes = new OneTimeCodes({
        db: h.database.db,
        clock: h.clock,
        random: cryptoRandom,
        key: deriveCodeKey(SERVER_SECRET),
      });
      assert.equal((await codes.status(person.identityId, activationCodeSms))?.used, false);

      const retry = await device.step('activation-code', { code });
      expectStatus(retry, 200);
      assert.equal(retry.json().next, 'temporaryPin');
      await deliverySettled(h.database.db);
      const sms = await rowsTo(h, mobile);
      assert.deepEqual(
        sms.map((m) => m.status),
        ['kept'],
      );
      // The temporary PIN in the delivered SMS works.
      await device.enterTemporaryPin(retry.json(), mobile);
      assert.equal(await stepOf(h, device.activationId), 'pin');
    } finally {
      await h.close();
    }
  });

  test(`${dialect}: killed after the activation-code step's commit, before its SMS went out → the same code again gets the same answer, and the SMS is delivered`, async () => {
    const h = await startAppHarness({ dialect });
    try {
      const person = await h.person();
      const mobile = person.mobile ?? '';
      const code = await h.activationCode(person);
      const device = h.device();
      device.activationId = (await device.start(person.userId)).json().activationId;

      await crashStep(h, device, 'activation-code', { code }, 'after-commit');
      // The crash left the flow waiting for a temporary PIN whose SMS is not delivered.
      assert.equal(await stepOf(h, device.activationId), 'temporaryPin');
      const [left, ...more] = await rowsTo(h, mobile);
      assert.equal(more.length, 0);
      assert.equal(left?.status, 'queued');
      assert.ok(Number(left?.claimed_until) > h.clock.now().getTime(), 'claimed by the dead worker');

      // Another code is not the same request.
      const other = await device.step('activation-code', {
        code: code === '12345678' ? '87654321' : '12345678',
      });
      assert.equal(other.statusCode, 409);
      assert.equal(other.json().error, 'wrong_step');
      const retry = await device.step('activation-code', { code });
      expectStatus(retry, 200);
      assert.deepEqual(retry.json(), { next: 'temporaryPin', sentTo: retry.json().sentTo });
      assert.match(String(retry.json().sentTo), /^\+45 /);

      await deliverAfterLease(h);
      const sms = await rowsTo(h, mobile);
      assert.deepEqual(
        sms.map((m) => m.status),
        ['kept'],
      );
      await device.enterTemporaryPin(retry.json(), mobile);
      assert.equal(await stepOf(h, device.activationId), 'pin');
    } finally {
      await h.close();
    }
  });

  for (const point of ['in-transaction', 'after-commit'] as const) {
    test(`${dialect}: killed ${point === 'in-transaction' ? 'inside the finish step’s transaction' : 'after the finish step’s commit'} → the same finish again gets the device, and the new-device warning is delivered`, async () => {
      const h = await startAppHarness({ dialect });
      try {
        const person = await h.person();
        const email = person.email ?? '';
        const device = h.device();
        device.activationId = (await device.start(person.userId)).json().activationId;
        const coded = await device.step('activation-code', { code: await h.activationCode(person) });
        await device.enterTemporaryPin(coded.json(), person.mobile);
        const body = await finishBody(device);
        await deliverySettled(h.database.db);
        const smsBefore = (await rowsTo(h, person.mobile ?? '')).length;

        await crashStep(h, device, 'finish', body, point);
        const devices = () =>
          h.database.db
            .selectFrom('authenticators')
            .select('id')
            .where('identity_id', '=', person.identityId)
            .where('kind', '=', 'app')
            .execute();
        if (point === 'in-transaction') {
          // Killed with the device and its warning written, uncommitted: neither is there.
          assert.equal(await stepOf(h, device.activationId), 'finish');
          assert.deepEqual(await devices(), []);
          assert.deepEqual(await rowsTo(h, email), []);
          assert.equal((await rowsTo(h, person.mobile ?? '')).length, smsBefore);
        } else {
          // Killed with the device stored and its warnings queued, one claimed by the dead worker.
          assert.equal(await stepOf(h, device.activationId), 'done');
          assert.equal((await devices()).length, 1);
          const warnings = [
            ...(await rowsTo(h, email)),
            ...(await rowsTo(h, person.mobile ?? '')).slice(smsBefore),
          ];
          assert.equal(warnings.length, 2);
          assert.ok(
            warnings.some((m) => m.status === 'queued' && Number(m.claimed_until) > h.clock.now().getTime()),
          );
          // Another key is not the same finish.
          const other = await device.step('finish', { ...body, publicKey: h.device().publicJwk });
          assert.equal(other.json().error, 'wrong_step');
        }

        const retry = await device.step('finish', body);
        expectStatus(retry, 201);
        assert.equal(retry.json().userId, person.userId);
        const stored = await devices();
        assert.deepEqual(
          stored.map((d) => d.id),
          [retry.json().deviceId],
        );
        await deliverAfterLease(h);
        const warning = await rowsTo(h, email);
        assert.deepEqual(
          warning.map((m) => m.status),
          ['kept'],
        );
        assert.match(warning[0]?.body ?? '', /ny enhed/i);
        const sms = (await rowsTo(h, person.mobile ?? '')).slice(smsBefore);
        assert.deepEqual(
          sms.map((m) => m.status),
          ['kept'],
        );
      } finally {
        await h.close();
      }
    });
  }
}
