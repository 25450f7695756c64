/**
 * The CLI's command line, checked before anything else happens (exit code 2 when wrong).
 * Rules: every option belongs to a command that uses it; user-IDs may hold spaces and brackets
 * (quote them); a PIN given as an option must be 6 digits and a temporary PIN 8, so that a typo
 * never reaches the server and costs an attempt.
 */
import { parseArgs } from 'node:util';
import { PIN_PATTERN } from './checkNewPin.ts';
import { serverOrigin } from './MitidAppClient.ts';

export const DEFAULT_STATE_DIR = './data/app-cli';

export const USAGE = `Usage: npm run app -- <command> [options]

Commands:
  activate --server URL --user ID     Activate a user in this app (asks for the activation code
           [--device-name NAME]       from the net bank, the temporary PIN and a new PIN twice)
           [--activation-code CODE] [--temporary-pin PIN] [--pin PIN]
           [--transfer-code CODE]     Add this device with a code shown by another app instead
           [--notify-every-use]
  users                               List the users in this app
  pending --user ID                   List what waits for approval
  approve --user ID --tx ID [--pin PIN]
  reject  --user ID --tx ID            (needs no PIN; a --pin given is not used)
  transfer-code --user ID             Show a code with which another app adds a device
  status --user ID                    The device's state on the server (is the PIN blocked?)
  remove --user ID                    Remove the device on the server and the user from this app
  help

Every command takes --state DIR, the app's folder (default ${DEFAULT_STATE_DIR}).
Exit codes: 0 done, 1 refused by the server or not possible, 2 bad usage.`;

export type CliCommand =
  | {
      name: 'activate';
      serverUrl: string;
      userId: string;
      deviceName?: string;
      activationCode?: string;
      temporaryPin?: string;
      pin?: string;
      transferCode?: string;
      notifyEveryUse: boolean;
    }
  | { name: 'users' }
  | { name: 'pending'; userId: string }
  | { name: 'approve' | 'reject'; userId: string; transactionId: string; pin?: string }
  | { name: 'transfer-code' | 'status' | 'remove'; userId: string }
  | { name: 'help' };

export type ParsedCli = { ok: true; stateDir: string; command: CliCommand } | { ok: false; message: string };

const options = {
  state: { type: 'string' },
  server: { type: 'string' },
  user: { type: 'string' },
  'device-name': { type: 'string' },
  'activation-code': { type: 'string' },
  'temporary-pin': { type: 'string' },
  pin: { type: 'string' },
  'transfer-code': { type: 'string' },
  'notify-every-use': { type: 'boolean' },
  tx: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type OptionName = keyof typeof options;

const allowed: Record<string, OptionName[]> = {
  activate: [
    'server',
    'user',
    'device-name',
    'activation-code',
    'temporary-pin',
    'pin',
    'transfer-code',
    'notify-every-use',
  ],
  users: [],
  pending: ['user'],
  approve: ['user', 'tx', 'pin'],
  reject: ['user', 'tx', 'pin'],
  'transfer-code': ['user'],
  status: ['user'],
  remove: ['user'],
  help: [],
};

class UsageError extends Error {}

export function parseCliArgs(argv: readonly string[]): ParsedCli {
  try {
    return parse(argv);
  } catch (e) {
    // parseArgs' own errors (unknown option, missing value) are usage errors too.
    return { ok: false, message: (e as Error).message };
  }
}

function parse(argv: readonly string[]): ParsedCli {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options,
    strict: true,
    allowPositionals: true,
  });
  const [name = 'help', ...extra] = positionals;
  const stateDir = values.state ?? DEFAULT_STATE_DIR;
  if (values.help) return { ok: true, stateDir, command: { name: 'help' } };
  const permitted = allowed[name];
  if (!permitted) throw new UsageError(`Unknown command "${name}".`);
  if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}".`);
  for (const option of Object.keys(values) as OptionName[]) {
    if (option !== 'state' && !permitted.includes(option)) {
      throw new UsageError(`--${option} does not belong to "${name}".`);
    }
  }
  const required = (option: 'server' | 'user' | 'tx'): string => {
    const v = values[option]?.trim();
    if (!v) throw new UsageError(`"${name}" needs --${option}.`);
    return v;
  };
  const pin = values.pin;
  if (pin !== undefined && !PIN_PATTERN.test(pin)) throw new UsageError('--pin must be 6 digits.');
  const command = ((): CliCommand => {
    switch (name) {
      case 'activate': {
        const serverUrl = serverOrigin(required('server'));
        if (!serverUrl) throw new UsageError('--server must be an http:// or https:// URL.');
        const activationCode = values['activation-code']?.replace(/\s/g, '');
        if (activationCode !== undefined && !/^\d{8}$/.test(activationCode)) {
          throw new UsageError('--activation-code must be 8 digits.');
        }
        const temporaryPin = values['temporary-pin']?.replace(/\s/g, '');
        if (temporaryPin !== undefined && !/^\d{8}$/.test(temporaryPin)) {
          throw new UsageError('--temporary-pin must be 8 digits.');
        }
        const deviceName = values['device-name'];
        if (deviceName !== undefined && !/^[^\p{Cc}]{1,64}$/u.test(deviceName)) {
          throw new UsageError('--device-name must be 1–64 characters on one line.');
        }
        if (activationCode && values['transfer-code']) {
          throw new UsageError('Give --activation-code or --transfer-code, not both.');
        }
        return {
          name,
          serverUrl,
          userId: required('user'),
          notifyEveryUse: values['notify-every-use'] ?? false,
          ...(values['device-name'] ? { deviceName: values['device-name'] } : {}),
          ...(activationCode ? { activationCode } : {}),
          ...(temporaryPin ? { temporaryPin } : {}),
          ...(pin ? { pin } : {}),
          ...(values['transfer-code'] ? { transferCode: values['transfer-code'].trim() } : {}),
        };
      }
      case 'pending':
      case 'transfer-code':
      case 'status':
      case 'remove':
        return { name, userId: required('user') };
      case 'approve':
      case 'reject':
        return { name, userId: required('user'), transactionId: required('tx'), ...(pin ? { pin } : {}) };
      case 'users':
        return { name };
      default:
        return { name: 'help' };
    }
  })();
  return { ok: true, stateDir, command };
}
