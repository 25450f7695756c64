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
  reject  --user ID --tx ID [--report] (needs no PIN; a --pin given is not used; --report:
                                      "Afvis og anmeld", for a request a service sent without
                                      a browser: that service may not ask you again for a day)
  approve --code DIGITS [--user ID] [--pin PIN]
                                      A login box's typed code (or --qr TEXT, the QR code's
                                      text): opens that login, shows it and approves it
                                      (--user may be left out when the app holds one user)
  reject  --code DIGITS | --qr TEXT [--user ID]
  transfer-code --user ID             Show a code with which another app adds a device
  status --user ID                    The device's state on the server (is the PIN blocked?)
  remove --user ID                    Remove the device on the server and the user from this app
  help

Every command takes --state DIR, the app's folder (default ${DEFAULT_STATE_DIR}).
Exit codes: 0 done, 1 refused by the server or not possible, 2 bad usage or a wrong
login box code.`;

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
  | {
      name: 'approve' | 'reject';
      /** Left out with a channel proof: the app's only user. */
      userId?: string;
      /** The transaction, or the login box's proof that opens it. */
      target: { transactionId: string } | { channel: { qr: string } | { code: string } };
      pin?: string;
      /** reject --report: reject and report a CIBA request. */
      report?: boolean;
    }
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
  report: { type: 'boolean' },
  tx: { type: 'string' },
  code: { type: 'string' },
  qr: { type: 'string' },
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
  approve: ['user', 'tx', 'code', 'qr', 'pin'],
  reject: ['user', 'tx', 'code', 'qr', 'pin', 'report'],
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
      case 'reject': {
        const given = (['tx', 'code', 'qr'] as const).filter((o) => values[o] !== undefined);
        if (given.length !== 1) throw new UsageError(`"${name}" needs one of --tx, --code or --qr.`);
        const user = values.user?.trim();
        if (values.report && values.tx === undefined) throw new UsageError('--report needs --tx.');
        const base = { name, ...(pin ? { pin } : {}), ...(values.report ? { report: true } : {}) } as const;
        if (values.tx !== undefined)
          return { ...base, userId: required('user'), target: { transactionId: required('tx') } };
        if (values.user !== undefined && !user) throw new UsageError('--user must not be empty.');
        const withUser = user ? { userId: user } : {};
        if (values.code !== undefined) {
          const code = values.code.replace(/[\s-]/g, '');
          if (!/^\d{6}$/.test(code)) throw new UsageError('--code must be the 6 digits the login box shows.');
          return { ...base, ...withUser, target: { channel: { code } } };
        }
        const qr = (values.qr ?? '').trim();
        if (!qr || qr.length > 200)
          throw new UsageError("--qr must be the QR code's text (at most 200 characters).");
        return { ...base, ...withUser, target: { channel: { qr } } };
      }
      case 'users':
        return { name };
      default:
        return { name: 'help' };
    }
  })();
  return { ok: true, stateDir, command };
}
