/**
 * Summarises a V8 CPU profile (`node --cpu-prof`, or `npm run bench -- approvals --cpu-prof <dir>`):
 * self time by package and by function, and total (inclusive) time by function, as shares of the
 * profile's sampled time without idle.
 *
 * Run: node bench/tools/cpuProfile.ts <file.cpuprofile> [--top 25] [--per <n>] [--match <text>]
 *   --last <s> counts only the samples of the profile's last <s> seconds (the benchmark's run, not
 *     the start and the warm-up; `npm run bench -- approvals` stops the service right after it)
 *   --per   also prints the times as milliseconds per unit of work (e.g. the number of approvals)
 *   --match prints only the functions whose name or place contains <text> (e.g. kysely)
 *   --callers <text> prints the call paths (up to --depth frames, default 6) that spend the self
 *     time of the functions whose name or place contains <text>
 * A package is the folder under node_modules (scoped: @scope/name), `node:` for Node's own
 * JavaScript, `src/<folder>/<folder>` for the project's code, or V8's own entries: (garbage
 * collector), (program) (native code outside JavaScript: the event loop, libuv, C++ bindings).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  startTime: number;
  endTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    top: { type: 'string', default: '25' },
    last: { type: 'string' },
    per: { type: 'string' },
    match: { type: 'string' },
    callers: { type: 'string' },
    depth: { type: 'string', default: '6' },
  },
});
const file = positionals[0];
if (!file) {
  console.error(
    'usage: node bench/tools/cpuProfile.ts <file.cpuprofile> [--top 25] [--per <n>] [--match <text>]',
  );
  process.exit(2);
}
const top = Number(values.top);
const per = values.per === undefined ? undefined : Number(values.per);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

/** Where a frame's code lives, as a short package name. */
export function packageOf(frame: CallFrame): string {
  const url = frame.url;
  if (url === '') return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  if (url.startsWith('node:')) return 'node:';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const parts = url.slice(nm + '/node_modules/'.length).split('/');
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? url);
  }
  const src = url.indexOf('/src/');
  if (src >= 0)
    return url
      .slice(src + 1)
      .split('/')
      .slice(0, 3)
      .join('/');
  const bench = url.indexOf('/bench/');
  if (bench >= 0) return 'bench';
  return url;
}

const place = (f: CallFrame): string => {
  if (f.url === '') return '';
  const nm = f.url.lastIndexOf('/node_modules/');
  const src = f.url.indexOf('/src/');
  const short = nm >= 0 ? f.url.slice(nm + 14) : src >= 0 ? f.url.slice(src + 1) : f.url;
  return `${short.replace(/^file:\/\//, '')}:${f.lineNumber + 1}`;
};
const keyOf = (f: CallFrame): string => `${f.functionName || '(anonymous)'} ${place(f)}`.trim();

const byId = new Map<number, ProfileNode>();
const parent = new Map<number, number>();
for (const n of profile.nodes) {
  byId.set(n.id, n);
  for (const c of n.children ?? []) parent.set(c, n.id);
}

const selfByFn = new Map<string, number>();
const selfByPkg = new Map<string, number>();
const totalByFn = new Map<string, number>();
const callers = values.callers?.toLowerCase();
const depth = Number(values.depth);
const byPath = new Map<string, number>();
let busy = 0;
let idle = 0;
// Sample i was taken at startTime + the deltas up to i (µs).
const from = values.last === undefined ? -Infinity : profile.endTime - Number(values.last) * 1e6;
let at = profile.startTime;
for (let i = 0; i < profile.samples.length; i++) {
  at += profile.timeDeltas[i] ?? 0;
  if (at < from) continue;
  const node = byId.get(profile.samples[i] as number);
  const dt = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000; // µs → ms
  if (!node) continue;
  if (node.callFrame.functionName === '(idle)') {
    idle += dt;
    continue;
  }
  busy += dt;
  const k = keyOf(node.callFrame);
  selfByFn.set(k, (selfByFn.get(k) ?? 0) + dt);
  const p = packageOf(node.callFrame);
  selfByPkg.set(p, (selfByPkg.get(p) ?? 0) + dt);
  if (callers !== undefined && k.toLowerCase().includes(callers)) {
    const frames: string[] = [];
    for (let id = parent.get(node.id); id !== undefined && frames.length < depth; id = parent.get(id)) {
      const n = byId.get(id);
      if (n && n.callFrame.functionName !== '(root)') frames.push(keyOf(n.callFrame));
    }
    const pathKey = [k, ...frames].join('\n          ← ');
    byPath.set(pathKey, (byPath.get(pathKey) ?? 0) + dt);
  }
  const seen = new Set<string>();
  for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
    const n = byId.get(id);
    if (!n || n.callFrame.functionName === '(root)') continue;
    const key = keyOf(n.callFrame);
    if (seen.has(key)) continue;
    seen.add(key);
    totalByFn.set(key, (totalByFn.get(key) ?? 0) + dt);
  }
}

const pct = (ms: number): string => `${((100 * ms) / busy).toFixed(1).padStart(5)} %`;
const perUnit = (ms: number): string => (per ? `  ${(ms / per).toFixed(3).padStart(7)} ms/unit` : '');
const table = (title: string, m: Map<string, number>, n: number, filter?: string): void => {
  console.log(`\n${title}`);
  const rows = [...m.entries()]
    .filter(([k]) => !filter || k.toLowerCase().includes(filter.toLowerCase()))
    .sort((a, b) => b[1] - a[1])
    .slice(0, n);
  for (const [k, ms] of rows) console.log(`${pct(ms)} ${ms.toFixed(0).padStart(7)} ms${perUnit(ms)}  ${k}`);
};

console.log(
  `${file}: ${busy.toFixed(0)} ms busy, ${idle.toFixed(0)} ms idle, ${profile.samples.length} samples`,
);
if (callers !== undefined) {
  table(`call paths of ${values.callers}`, byPath, top);
  process.exit(0);
}
if (values.match === undefined) table('self time by package', selfByPkg, top);
table('self time by function', selfByFn, top, values.match);
table('total time by function (self and callees)', totalByFn, top, values.match);
