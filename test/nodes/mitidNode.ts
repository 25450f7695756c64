/**
 * One MitID node as its own process (`node src/roots/mitid/main.ts`, as src/start.ts runs it), on a
 * free port with the environment given, and a fetch that reaches it as a load balancer would:
 * requests for the public origin (MITID_URL) go to this node.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../support/system.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface MitidNode {
  name: string;
  /** Where this node listens. */
  url: string;
  /** fetch for URLs on the public origin, sent to this node. */
  fetch: typeof fetch;
  output(): string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  stop(): Promise<number | null>;
}

export async function startMitidNode(
  name: string,
  publicUrl: string,
  env: Record<string, string>,
): Promise<MitidNode> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let out = '';
  const child: ChildProcess = spawn(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', 'src/roots/mitid/main.ts'],
    {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: 'warn', MITID_PORT: String(port), MITID_URL: publicUrl, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (d) => {
    out += String(d);
  });
  child.stderr?.on('data', (d) => {
    out += String(d);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const route: typeof fetch = (input, init) => {
    const target = new URL(input instanceof Request ? input.url : String(input));
    if (target.origin !== new URL(publicUrl).origin) throw new Error(`${target.origin} is not MitID`);
    return fetch(new URL(`${target.pathname}${target.search}`, url), {
      ...init,
      ...(input instanceof Request ? { method: input.method, headers: input.headers, body: input.body } : {}),
      redirect: 'manual',
    });
  };
  return {
    name,
    url,
    fetch: route,
    output: () => out,
    exited,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Resolves when the node answers /readyz; rejects with its output if it stops or takes 30 s. */
export async function ready(node: MitidNode): Promise<void> {
  let stopped = false;
  void node.exited.then(() => {
    stopped = true;
  });
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    if (stopped) throw new Error(`node ${node.name} stopped while starting:\n${node.output()}`);
    try {
      if ((await fetch(`${node.url}/readyz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`node ${node.name} was not ready within 30 s:\n${node.output()}`);
}
