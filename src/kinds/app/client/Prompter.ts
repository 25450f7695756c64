/**
 * Questions on the terminal. Hidden answers (PINs, codes) are not echoed on a TTY; from a pipe,
 * lines are read in order (all may arrive before the first question). The answer is returned and
 * never written anywhere. Ctrl-C or the end of input answers undefined.
 */
import { createInterface, type Interface } from 'node:readline';
import { Writable } from 'node:stream';

export interface PromptIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream;
}

export class Prompter {
  readonly #io: PromptIo;
  #rl: Interface | undefined;
  #lines: AsyncIterator<string> | undefined;
  #muted = false;

  constructor(io: PromptIo) {
    this.#io = io;
  }

  /** The answer, trimmed; undefined when the input has ended. */
  async ask(question: string, o: { hidden?: boolean } = {}): Promise<string | undefined> {
    const lines = this.#open();
    this.#io.stdout.write(question);
    this.#muted = o.hidden === true;
    const next = await lines.next();
    this.#muted = false;
    if (o.hidden && this.#io.stdin.isTTY) this.#io.stdout.write('\n');
    return next.done ? undefined : next.value.trim();
  }

  close(): void {
    this.#rl?.close();
  }

  #open(): AsyncIterator<string> {
    if (this.#lines) return this.#lines;
    const out = this.#io.stdout;
    // readline echoes what is typed through this stream; while a hidden answer is typed it drops it.
    const echo = new Writable({
      write: (chunk, _encoding, done) => {
        if (!this.#muted) out.write(chunk);
        done();
      },
    });
    this.#rl = createInterface({
      input: this.#io.stdin,
      output: echo,
      terminal: this.#io.stdin.isTTY === true,
    });
    // Ctrl-C at a prompt ends the input (readline would otherwise only pause, and wait forever).
    this.#rl.on('SIGINT', () => {
      out.write('\n');
      this.#rl?.close();
    });
    this.#lines = this.#rl[Symbol.asyncIterator]();
    return this.#lines;
  }
}
