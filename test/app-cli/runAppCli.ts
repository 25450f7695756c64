/**
 * Runs `node src/kinds/app/client/cli.ts` (what `npm run app` runs) as a child process: to the end with
 * its input given at once, or as a conversation, answering each prompt when it appears.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export class AppCliSession {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #exited: Promise<number | null>;
  stdout = '';
  stderr = '';

  constructor(args: string[]) {
    this.#child = spawn(process.execPath, ['src/kinds/app/client/cli.ts', ...args], { cwd: root });
    this.#child.stdout.on('data', (d) => {
      this.stdout += String(d);
    });
    this.#child.stderr.on('data', (d) => {
      this.stderr += String(d);
    });
    this.#exited = new Promise((resolve) => this.#child.once('exit', (code) => resolve(code)));
  }

  /** Waits until stdout has shown `text` (after what was already answered). */
  async prompt(text: string, timeoutMs = 15_000): Promise<void> {
    const started = Date.now();
    while (!this.stdout.includes(text)) {
      if (this.#child.exitCode !== null || Date.now() - started > timeoutMs) {
        throw new Error(`no "${text}" from the CLI:\n${this.stdout}\n${this.stderr}`);
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  answer(line: string): void {
    this.#child.stdin.write(`${line}\n`);
  }

  async end(): Promise<CliRun> {
    this.#child.stdin.end();
    const code = await this.#exited;
    return { code, stdout: this.stdout, stderr: this.stderr };
  }
}

export async function runAppCli(args: string[], input = ''): Promise<CliRun> {
  const session = new AppCliSession(args);
  if (input) session.answer(input.replace(/\n$/, ''));
  return session.end();
}
