/**
 * Complete app approvals with PIN against the real MitID service, as fast as it answers:
 *   the service runs as its own process (src/roots/mitid/main.ts) on a fresh data folder, on SQLite or
 *   on a fresh PostgreSQL database that is dropped afterwards;
 *   people and their activation codes are made with the service's own stores (as the net bank's
 *   enrollment leaves them), then each device activates through the app protocol;
 *   for a fixed time, `--concurrency` workers each run approvals one after the other: the service
 *   creates the transaction (POST /api/transactions), the device lists what is pending, runs the
 *   OPAQUE PIN login (/pin), signs and sends the decision;
 *   the server's CPU time and SQL statements are read from its /metrics before and after.
 * Each approval comes from its own loopback address (127.x.y.z), as approvals come from many
 * phones: the per-address rate limits stay on and are not what is measured.
 * The devices use a cheap OPAQUE key stretching (Argon2id, 1 iteration, 1 MiB): that work is the
 * device's, never the server's.
 *
 * Run: npm run bench -- approvals [--db sqlite|postgres] [--seconds 10] [--concurrency 16] [--devices 16]
 *   --devices (at least --concurrency, default the same) spreads the approvals over more devices:
 *   a device's signed calls of the last minute are counted on each of its calls (its budget), and
 *   16 devices approving back to back count hundreds each, where a phone counts a few.
 *        [--warmup 2] [--log-level info] [--cpu-prof <dir>] [--server-root <dir>]
 *   --cpu-prof writes the service's V8 CPU profile (its whole life: setup, warm-up and run) into
 *   <dir> when it stops; `node bench/tools/cpuProfile.ts <file>` summarises it.
 *   --memory-every <s> also prints the service's memory every <s> seconds of the run, with the
 *   approvals done by then (to see whether it grows with them).
 *   --server-root runs the service from another checkout of this repository (same schema), e.g.
 *   an older commit unpacked with `git archive`, to compare two versions in one session.
 * The last line: approvals: per_s=… p50_ms=… p99_ms=… server_cpu_ms=… statements=… db=…
 */
import {
  addressOf,
  approveOnDevice,
  type BenchDevice,
  benchFlags,
  Client,
  expect,
  fail,
  type MitidUnderTest,
  peopleWithApps,
  positive,
  quantile,
  root,
  type Snapshot,
  snapshot,
  startMitid,
} from './tools/mitidBench.ts';

const { flags, dbKind, seconds, concurrency, warmupSeconds, logLevel, serverRoot, cpuProfDir } = benchFlags({
  devices: { type: 'string' },
  'memory-every': { type: 'string' },
});
const deviceCount = positive('devices', (flags.devices as string | undefined) ?? String(concurrency), 5000);
if (deviceCount < concurrency)
  fail('--devices must be at least --concurrency (a device approves one at a time)');
const memoryEvery = flags['memory-every'] === undefined ? undefined : Number(flags['memory-every']);
if (memoryEvery !== undefined && !(memoryEvery >= 1))
  fail('--memory-every must be a number of seconds, 1 or more');

let mitid: MitidUnderTest | undefined;
/** The service's port, once it runs. */
let port = 0;

// ---------------------------------------------------------------- one approval

let serviceAuthorization = '';
let serviceCalls = 0;

async function approve(d: BenchDevice, phone: Client): Promise<void> {
  const service = new Client(port, addressOf(250, serviceCalls++));
  let transactionId: string;
  try {
    const created = expect(
      await service.call(
        'POST',
        '/api/transactions',
        JSON.stringify({
          userId: d.userId,
          serviceName: 'Benchmark Bank',
          action: 'approve',
          text: 'Overførsel af 100,00 kr. til konto 1234-567890',
          level: 'high',
        }),
        { authorization: serviceAuthorization },
      ),
      201,
      'create transaction',
    );
    transactionId = String(created.transactionId);
  } finally {
    service.close();
  }

  await approveOnDevice(d, phone, transactionId, 'required');
}

/** Approvals completed since the start (warm-up included), for --memory-every. */
let approvalsDone = 0;

interface RunResult {
  latencies: number[];
  errors: string[];
}

async function runFor(devices: BenchDevice[], ms: number, onHalf?: () => Promise<void>): Promise<RunResult> {
  const latencies: number[] = [];
  const errors: string[] = [];
  const started = performance.now();
  const end = started + ms;
  let halfDone = onHalf === undefined;
  const worker = async (w: number): Promise<void> => {
    // Worker w takes its turns with devices w, w + concurrency, …: no two workers share a device.
    const mine = devices.filter((_, i) => i % concurrency === w);
    let n = 0;
    while (performance.now() < end) {
      const device = mine[n % mine.length] as BenchDevice;
      if (!halfDone && performance.now() >= started + ms / 2) {
        halfDone = true;
        await onHalf?.();
      }
      const phone = new Client(port, addressOf(1 + w, n++));
      const t0 = performance.now();
      try {
        await approve(device, phone);
        latencies.push(performance.now() - t0);
        approvalsDone++;
      } catch (err) {
        errors.push((err as Error).message);
        if (errors.length > 20) return;
      } finally {
        phone.close();
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  return { latencies, errors };
}

try {
  mitid = await startMitid({
    dbKind,
    name: 'approvals',
    logLevel,
    cpuProfDir,
    serverRoot,
  });
  port = mitid.port;
  serviceAuthorization = `Basic ${Buffer.from(`minbank:${mitid.bankClientSecret}`).toString('base64')}`;
  const devices = await peopleWithApps(mitid, deviceCount);

  console.log(
    `MitID service on ${dbKind}, ${devices.length} devices activated through the app protocol` +
      (serverRoot === root ? '' : ` (service from ${serverRoot})`),
  );
  console.log(
    `${concurrency} concurrent workers, complete approvals with PIN for ${seconds} s after ${warmupSeconds} s warm-up` +
      ` (LOG_LEVEL=${flags['log-level']})`,
  );
  console.log(
    'devices use a cheap OPAQUE key stretching (Argon2id 1 iteration, 1 MiB): the server never runs it',
  );
  if (warmupSeconds > 0) {
    const warm = await runFor(devices, warmupSeconds * 1000);
    if (warm.errors.length > 0) throw new Error(`warm-up failed: ${warm.errors[0]}`);
  }
  const before = await snapshot(port);
  let half: Snapshot | undefined;
  const t0 = performance.now();
  const mb = (b: number): string => (b / 1024 / 1024).toFixed(1);
  const startedAt = approvalsDone;
  const memoryLog =
    memoryEvery === undefined
      ? undefined
      : setInterval(() => {
          const done = approvalsDone - startedAt;
          snapshot(port).then(
            (m) =>
              console.log(
                `  memory after ${done} approvals: rss ${mb(m.rssBytes)} MB, heap used ${mb(m.heapBytes)} MB`,
              ),
            () => {},
          );
        }, memoryEvery * 1000);
  const run = await runFor(devices, seconds * 1000, async () => {
    half = await snapshot(port);
  });
  clearInterval(memoryLog);
  const elapsed = (performance.now() - t0) / 1000;
  const after = await snapshot(port);

  const n = run.latencies.length;
  const sorted = [...run.latencies].sort((a, b) => a - b);
  console.log(`approvals: ${n} in ${elapsed.toFixed(1)} s, errors: ${run.errors.length}`);
  if (run.errors.length > 0) console.log(`  first error: ${run.errors[0]}`);
  console.log(
    `server memory: rss ${mb(before.rssBytes)} → ${mb(half?.rssBytes ?? Number.NaN)} → ${mb(after.rssBytes)} MB,` +
      ` heap used ${mb(before.heapBytes)} → ${mb(half?.heapBytes ?? Number.NaN)} → ${mb(after.heapBytes)} MB` +
      ' (start → half → end; heap used includes garbage not yet collected)',
  );
  const perS = n / elapsed;
  const cpuMs = n > 0 ? ((after.cpuSeconds - before.cpuSeconds) * 1000) / n : Number.NaN;
  const statements = n > 0 ? (after.statements - before.statements) / n : Number.NaN;
  console.log(
    `approvals: per_s=${perS.toFixed(1)} p50_ms=${quantile(sorted, 0.5).toFixed(1)} p99_ms=${quantile(sorted, 0.99).toFixed(1)}` +
      ` server_cpu_ms=${cpuMs.toFixed(2)} statements=${statements.toFixed(1)} db=${dbKind}`,
  );
  if (run.errors.length > 0) process.exitCode = 1;
} catch (err) {
  console.error(`bench failed: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await mitid?.stop();
}
