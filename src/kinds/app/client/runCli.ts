/**
 * The CLI's commands over MitidAppClient (usage in parseCliArgs.ts). Rules:
 * - exit code 0 when done, 1 when the server refused (its message is printed) or the work could
 *   not be done (no connection, unreadable state), 2 for bad usage (including a user not in the
 *   app, or a PIN typed differently twice when given as options);
 * - the PIN and the temporary PIN are never printed; typed at a prompt they are not echoed;
 * - text from the server is printed with control characters made visible, so a transaction text
 *   cannot move the cursor or recolour the terminal;
 * - interactive prompts try again where the person can put it right (a mistyped code while
 *   attempts are left, two PINs that differ); values given as options are tried once.
 */
import { hostname } from 'node:os';
import type { Clock } from '../../../platform/clock.ts';
import type { Activation } from './Activation.ts';
import type { AppError, AppResult } from './appErrors.ts';
import { MitidAppClient } from './MitidAppClient.ts';
import { Prompter, type PromptIo } from './Prompter.ts';
import { type CliCommand, parseCliArgs, USAGE } from './parseCliArgs.ts';
import { terminalSafe } from './terminalSafe.ts';

export interface CliIo extends PromptIo {
  stderr: NodeJS.WritableStream;
  fetch?: typeof fetch;
  clock?: Clock;
}

export const EXIT_OK = 0;
export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 2;

/** Client-side errors that mean the command was used wrongly, rather than refused. */
const usageCodes = new Set<AppError['code']>([
  'unknown_user',
  'pin_format',
  'pin_mismatch',
  'pin_required',
  'invalid_server_url',
  'already_activated',
]);

class Exit extends Error {
  readonly code: number;
  constructor(code: number) {
    super(`exit ${code}`);
    this.code = code;
  }
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCliArgs(argv);
  const say = (line = ''): void => {
    io.stdout.write(`${line}\n`);
  };
  if (!parsed.ok) {
    io.stderr.write(`${parsed.message}\n\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  const app = new MitidAppClient({
    stateDir: parsed.stateDir,
    lang: 'en',
    ...(io.fetch ? { fetch: io.fetch } : {}),
    ...(io.clock ? { clock: io.clock } : {}),
  });
  const prompter = new Prompter(io);
  const fail = (error: AppError): never => {
    io.stderr.write(`${describeError(error)}\n`);
    throw new Exit(usageCodes.has(error.code) ? EXIT_USAGE : EXIT_REFUSED);
  };
  const must = <T>(r: AppResult<T>): T => (r.ok ? r.value : fail(r.error));
  const ask = async (question: string, hidden = false): Promise<string> => {
    const answer = await prompter.ask(question, { hidden });
    if (answer === undefined) {
      io.stderr.write('\nNo more input.\n');
      throw new Exit(EXIT_USAGE);
    }
    return answer;
  };
  try {
    await run(parsed.command, {
      app,
      say,
      must,
      fail,
      ask,
      stateDir: parsed.stateDir,
      tty: io.stdout,
      stderr: io.stderr,
    });
    return EXIT_OK;
  } catch (e) {
    if (e instanceof Exit) return e.code;
    throw e;
  } finally {
    prompter.close();
  }
}

interface Ctx {
  app: MitidAppClient;
  say: (line?: string) => void;
  must: <T>(r: AppResult<T>) => T;
  fail: (error: AppError) => never;
  ask: (question: string, hidden?: boolean) => Promise<string>;
  stateDir: string;
  tty: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
}

async function run(command: CliCommand, ctx: Ctx): Promise<void> {
  const { app, say, must } = ctx;
  switch (command.name) {
    case 'help':
      say(USAGE);
      return;
    case 'activate':
      return activate(command, ctx);
    case 'users': {
      const users = must(await app.users());
      if (users.length === 0) {
        say(`No users in this app (${app.store.dir}).`);
        say('Activate one with: npm run app -- activate --server URL --user ID');
        return;
      }
      for (const u of users) {
        say(
          `${terminalSafe(u.userId)}  ${u.serverUrl}  device ${terminalSafe(u.deviceId)}  activated ${formatTime(u.activatedAt)}`,
        );
      }
      return;
    }
    case 'pending': {
      const list = must(await app.pending(command.userId));
      if (list.length === 0) {
        say(`Nothing waits for ${terminalSafe(command.userId)}.`);
        return;
      }
      say(`${list.length} waiting for ${terminalSafe(command.userId)}:`);
      for (const t of list) {
        say();
        say(`  ${terminalSafe(t.serviceName)} asks you to ${t.action}:`);
        say(`    ${terminalSafe(t.text)}`);
        if (t.decoupled) {
          say(
            '    You did not start this from a browser yourself. If you did not expect it, reject and report:',
          );
          say(
            `    npm run app -- reject --user ${shellQuote(command.userId)} --tx ${terminalSafe(t.id)} --report`,
          );
        }
        say(
          `  Transaction ${terminalSafe(t.id)}${t.requiresPin ? ', PIN required' : ''}${t.expiresAt ? `, expires ${formatTime(t.expiresAt)}` : ''}`,
        );
      }
      say();
      say('Check the text before you approve. Approve or reject with:');
      say(`  npm run app -- approve --user ${shellQuote(command.userId)} --tx <transaction>`);
      say(`  npm run app -- reject --user ${shellQuote(command.userId)} --tx <transaction>`);
      return;
    }
    case 'approve':
    case 'reject':
      return decide(command, ctx);
    case 'status': {
      const d = must(await app.deviceState(command.userId));
      say(`${terminalSafe(d.userId)} on device "${terminalSafe(d.name)}" (${terminalSafe(d.deviceId)})`);
      say(
        d.pin.permanent
          ? 'PIN: blocked for good. Remove this device and activate again.'
          : d.pin.blocked
            ? `PIN: blocked${d.pin.until ? ` until ${formatTime(d.pin.until)}` : ''}.`
            : `PIN: ${d.pin.attemptsLeft ?? 3} attempts left.`,
      );
      return;
    }
    case 'remove': {
      must(await app.removeDevice(command.userId));
      say(`${terminalSafe(command.userId)} is removed from this app and the device from MitID.`);
      return;
    }
    case 'transfer-code': {
      const code = must(await app.transferCode(command.userId));
      say(
        `Transfer code: ${terminalSafe(code.transferCode)}${code.expiresAt ? ` (valid until ${formatTime(code.expiresAt)}, once)` : ''}`,
      );
      say(`Link (the QR code's content): ${terminalSafe(code.link)}`);
      say('On the new device:');
      const user = must(await app.store.user(command.userId));
      say(
        `  npm run app -- activate --server ${user.serverUrl} --user ${shellQuote(user.userId)} --transfer-code ${terminalSafe(code.transferCode)}`,
      );
      return;
    }
  }
}

/**
 * approve / reject: a transaction by its id, or the login box's: its typed code or QR text proves
 * the channel first (a wrong one exits 2), then what the app shows is printed before deciding.
 */
async function decide(command: Extract<CliCommand, { name: 'approve' | 'reject' }>, ctx: Ctx): Promise<void> {
  const { app, say, must } = ctx;
  const userId = command.userId ?? (await onlyUser(ctx));
  let transactionId: string;
  if ('channel' in command.target) {
    const proved = await app.proveChannel(userId, command.target.channel);
    if (!proved.ok && proved.error.code === 'wrong_channel_proof') {
      ctx.stderr.write(
        `${describeError(proved.error)} ${'code' in command.target.channel ? 'Check the code the login box shows.' : 'Scan the QR code again: it changes every second.'}\n`,
      );
      throw new Exit(EXIT_USAGE);
    }
    transactionId = must(proved).transactionId;
    const tx = must(await app.pending(userId)).find((t) => t.id === transactionId);
    if (!tx)
      ctx.fail({ code: 'unknown_transaction', message: `The login ${transactionId} is no longer pending.` });
    else {
      say(`${terminalSafe(tx.serviceName)} asks you to ${terminalSafe(tx.action)}:`);
      say(`  ${terminalSafe(tx.text)}`);
      say(
        `  Level ${terminalSafe(tx.level)}${tx.requiresPin ? ', PIN required' : ''}; transaction ${terminalSafe(tx.id)}`,
      );
    }
  } else transactionId = command.target.transactionId;
  const decideWith = (pin?: string) =>
    command.name === 'approve'
      ? app.approve(userId, transactionId, pin === undefined ? {} : { pin })
      : app.reject(userId, transactionId, {
          ...(pin === undefined ? {} : { pin }),
          ...(command.report ? { report: true } : {}),
        });
  let r = await decideWith(command.pin);
  if (!r.ok && r.error.code === 'pin_required' && command.pin === undefined) {
    r = await decideWith(await ctx.ask('Your PIN: ', true));
  }
  const done = must(r);
  say(
    `Transaction ${terminalSafe(done.transactionId)} ${done.status === 'approved' ? 'approved' : done.status === 'rejected' ? 'rejected' : terminalSafe(done.status)}${command.report ? ' and reported' : ''}.`,
  );
}

/** The app's user when it holds exactly one (a channel proof names no user). */
async function onlyUser(ctx: Ctx): Promise<string> {
  const users = ctx.must(await ctx.app.users());
  const [only, ...more] = users;
  if (!only || more.length > 0) {
    ctx.stderr.write(
      only
        ? 'This app holds several users: say which with --user ID.\n'
        : `No users in this app (${ctx.app.store.dir}).\n`,
    );
    throw new Exit(EXIT_USAGE);
  }
  return only.userId;
}

async function activate(command: Extract<CliCommand, { name: 'activate' }>, ctx: Ctx): Promise<void> {
  const { app, say, must, fail, ask } = ctx;
  const activation = must(
    await app.startActivation({
      serverUrl: command.serverUrl,
      userId: command.userId,
      deviceName: command.deviceName ?? `MitID CLI on ${hostname()}`.slice(0, 64),
      notifyEveryUse: command.notifyEveryUse,
      ...(command.transferCode ? { transferCode: command.transferCode } : {}),
    }),
  );
  if (activation.next === 'activationCode') {
    await activationCode(activation, command.activationCode, ctx);
  } else {
    say('Transfer code accepted.');
    if (activation.sentTo) say(`A temporary PIN has been sent by SMS to ${terminalSafe(activation.sentTo)}.`);
    else if (activation.temporaryPinInApp) say('The temporary PIN came straight to this app.');
  }
  await temporaryPin(activation, command.temporaryPin, ctx);

  let pin = command.pin;
  let repeated = command.pin;
  for (;;) {
    if (pin === undefined || repeated === undefined) {
      say('Choose your MitID PIN: 6 digits that only you know.');
      pin = await ask('New PIN: ', true);
      repeated = await ask('Type the PIN again: ', true);
    }
    const r = await activation.choosePin(pin, repeated);
    if (r.ok) {
      say(`MitID app activated for ${terminalSafe(r.value.userId)} on this device.`);
      say(`Device ${terminalSafe(r.value.deviceId)}; key and settings in ${app.store.dir}.`);
      say('Remember your PIN: it is not stored anywhere, and a new activation is the only way back.');
      return;
    }
    if (command.pin !== undefined || (r.error.code !== 'pin_format' && r.error.code !== 'pin_mismatch')) {
      fail(r.error);
    }
    say(describeError(r.error));
    pin = undefined;
  }
}

async function activationCode(activation: Activation, given: string | undefined, ctx: Ctx): Promise<void> {
  let code = given;
  for (;;) {
    code ??= await ctx.ask('Activation code from your net bank (8 digits): ', true);
    const r = await activation.submitActivationCode(code);
    if (r.ok) {
      if (r.value.sentTo) ctx.say(`A temporary PIN has been sent by SMS to ${terminalSafe(r.value.sentTo)}.`);
      else if (r.value.temporaryPin)
        ctx.say('You have no mobile number with MitID, so the temporary PIN came straight to this app.');
      return;
    }
    if (given !== undefined || r.error.code !== 'wrong_code' || !r.error.attemptsLeft) ctx.fail(r.error);
    ctx.say(describeError(r.error));
    code = undefined;
  }
}

async function temporaryPin(activation: Activation, given: string | undefined, ctx: Ctx): Promise<void> {
  let pin = given ?? activation.temporaryPinInApp;
  for (;;) {
    pin ??= await ctx.ask('Temporary PIN (8 digits): ', true);
    const r = await activation.submitTemporaryPin(pin);
    if (r.ok) return;
    if (given !== undefined || r.error.code !== 'wrong_temporary_pin' || !r.error.attemptsLeft)
      ctx.fail(r.error);
    ctx.say(describeError(r.error));
    pin = undefined;
  }
}

/** The server's message (or the client's), with what the person needs to know next. */
export function describeError(e: AppError): string {
  const parts = [terminalSafe(e.message)];
  if (e.attemptsLeft !== undefined && !/\d/.test(e.message)) {
    parts.push(`${e.attemptsLeft} ${e.attemptsLeft === 1 ? 'attempt' : 'attempts'} left.`);
  }
  if (e.code === 'already_activated') {
    parts.push('To replace its device: npm run app -- remove --user ID, then activate again.');
  }
  if (e.code === 'pin_blocked') {
    parts.push(
      e.permanent
        ? 'The PIN is blocked for good: activate the app again.'
        : e.until
          ? `Try again after ${formatTime(e.until)}.`
          : '',
    );
  }
  return parts.filter(Boolean).join(' ');
}

function formatTime(ms: number): string {
  return new Date(ms).toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'short' });
}

/** A user-ID as the shell needs it to come back unchanged ("J()nas Jen5en" → 'J()nas Jen5en'). */
function shellQuote(s: string): string {
  return /^[A-Za-z0-9._@-]+$/.test(s) ? s : `'${terminalSafe(s).replaceAll("'", `'\\''`)}'`;
}
