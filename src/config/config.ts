/**
 * The one configuration module. Every setting is read from the environment, has a documented
 * default (this table is the source of the README's configuration section) and is validated at
 * boot: a bad value stops the start with a message that names the setting.
 */
import { isIP } from 'node:net';
import path from 'node:path';
import type { PerAddressLimits } from '../platform/http/perAddress.ts';

export type MessageTransport = 'outbox' | 'smtp';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
export type MetricsMode = 'off' | 'open' | 'token';

export interface Config {
  /** Interface both servers listen on. */
  host: string;
  mitidPort: number;
  bankPort: number;
  /** Port of Borger, the second demo service (an OIDC client of the Idura dialect). */
  borgerPort: number;
  /** Public origin of the MitID service (must be a host name, not an IP, for WebAuthn). */
  mitidUrl: string;
  /** Public origin of Min Bank (a different origin from MitID so cookies never mix). */
  bankUrl: string;
  /** Public origin of Borger (its own origin, like Min Bank's). */
  borgerUrl: string;
  /** A JSON array of OIDC clients upserted into the client registry at start (src/core/clients). */
  clientsFile: string | undefined;
  /** The broker's `simulation=no-ui uuid:<uuid>` parameter for test clients: off unless set to on. */
  oidcSimulation: boolean;
  /** Folder for the embedded database and the generated secrets. */
  dataDir: string;
  /** `sqlite` (embedded, under dataDir) or a `postgres://` URL. */
  databaseUrl: string;
  logLevel: LogLevel;
  messageTransport: MessageTransport;
  /** `smtp://host:port` used when messageTransport is `smtp` (e-mail only). */
  smtpUrl: string | undefined;
  /** Sender address of e-mails. */
  mailFrom: string;
  /** Development pages (message outbox, demo key cards). Never on in production. */
  devPages: boolean;
  /** Seed the demo people on first start (default: as devPages). */
  seedDemo: boolean;
  // -- keys shared by every node (src/platform/keys) --
  /**
   * The key-encryption key of the key stores: base64url of 32 bytes, or the absolute path of a
   * file holding that. Unset: one generated into DATA_DIR/secrets.json (the embedded default).
   */
  keyEncryptionKey: string | undefined;
  /** Min Bank's client secret at the MitID service. Unset: one generated into DATA_DIR/secrets.json. */
  bankClientSecret: string | undefined;
  /** Borger's client secret at the MitID service. Unset: one generated into DATA_DIR/secrets.json. */
  borgerClientSecret: string | undefined;
  /** The password of Min Bank's phone support page (/support). Unset: one generated into DATA_DIR/secrets.json. */
  bankSupportPassword: string | undefined;
  /** Proxies whose X-Forwarded-For is believed: addresses, CIDRs or loopback/linklocal/uniquelocal. */
  trustProxy: string[];
  rateLimitPages: number;
  rateLimitActivation: number;
  rateLimitDevice: number;
  rateLimitApi: number;
  /** Calls a minute per authenticated client of the RA API and the transaction API (in the database). */
  rateLimitPerClient: number;
  /** Signed calls in any minute per app device (in the database, with the replay records). */
  rateLimitPerDevice: number;
  /** /metrics: off, open to anyone, or behind `Authorization: Bearer <metricsToken>`. */
  metrics: MetricsMode;
  metricsToken: string | undefined;
}

/** The per-address throttles of a configuration, by class. */
export const perAddressLimits = (c: Config): PerAddressLimits => ({
  pages: c.rateLimitPages,
  activation: c.rateLimitActivation,
  device: c.rateLimitDevice,
  api: c.rateLimitApi,
});

export class ConfigError extends Error {
  override name = 'ConfigError';
  readonly setting: string;
  constructor(setting: string, problem: string) {
    super(`Configuration error: ${setting} ${problem}`);
    this.setting = setting;
  }
}

interface Setting<T> {
  env: string;
  doc: string;
  default: string | undefined;
  parse(raw: string, env: string): T;
}

const port = (raw: string, env: string): number => {
  if (!/^\d{1,5}$/.test(raw) || Number(raw) < 0 || Number(raw) > 65535) {
    throw new ConfigError(env, `must be a port number from 0 to 65535 (got "${raw}")`);
  }
  return Number(raw);
};

const origin = (raw: string, env: string): string => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(env, `must be an absolute http(s) URL (got "${raw}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(env, `must use http or https (got "${url.protocol}")`);
  }
  if (url.pathname !== '/' || url.search || url.hash) {
    throw new ConfigError(env, `must be an origin without path, query or fragment (got "${raw}")`);
  }
  return url.origin;
};

const oneOf =
  <T extends string>(...values: T[]) =>
  (raw: string, env: string): T => {
    if (!(values as string[]).includes(raw)) {
      throw new ConfigError(env, `must be one of ${values.join(', ')} (got "${raw}")`);
    }
    return raw as T;
  };

const bool = (raw: string, env: string): boolean => {
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(env, `must be true or false (got "${raw}")`);
};

const text = (raw: string, env: string): string => {
  if (raw.trim() === '') throw new ConfigError(env, 'must not be empty');
  return raw;
};

const proxyKeywords = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** A comma-separated list of IP addresses, CIDRs or proxy-addr's keywords; empty or "none": none. */
const proxies = (raw: string, env: string): string[] => {
  const items = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (items.length === 1 && items[0] === 'none') return [];
  for (const item of items) {
    if (proxyKeywords.has(item)) continue;
    const [address = '', prefix, ...rest] = item.split('/');
    const family = isIP(address);
    const maxPrefix = family === 4 ? 32 : 128;
    const prefixOk =
      prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= maxPrefix && rest.length === 0);
    if (family === 0 || !prefixOk) {
      throw new ConfigError(
        env,
        `must be a comma-separated list of IP addresses or CIDRs (or loopback, linklocal, uniquelocal); "${item}" is none of these`,
      );
    }
  }
  return items;
};

/** Requests per minute: a whole number from 1 to 1,000,000. */
const perMinute = (raw: string, env: string): number => {
  if (!/^\d{1,7}$/.test(raw) || Number(raw) < 1 || Number(raw) > 1_000_000) {
    throw new ConfigError(
      env,
      `must be a whole number of requests per minute from 1 to 1000000 (got "${raw}")`,
    );
  }
  return Number(raw);
};

/** A bearer token: 32 to 200 visible ASCII characters. Never echoed in a message. */
const token = (raw: string, env: string): string => {
  if (!/^[\x21-\x7e]{32,200}$/.test(raw)) {
    throw new ConfigError(env, 'must be 32 to 200 visible ASCII characters (no spaces)');
  }
  return raw;
};

const databaseUrl = (raw: string, env: string): string => {
  if (raw === 'sqlite' || raw.startsWith('postgres://') || raw.startsWith('postgresql://')) return raw;
  throw new ConfigError(
    env,
    `must be "sqlite" or a postgres:// URL (got "${raw.replace(/:[^:@/]*@/, ':***@')}")`,
  );
};

const keyEncryptionKey = (raw: string, env: string): string => {
  if (path.isAbsolute(raw)) return raw;
  if (/^[A-Za-z0-9_-]{43}$/.test(raw) && Buffer.from(raw, 'base64url').length === 32) return raw;
  throw new ConfigError(
    env,
    'must be 32 bytes in base64url (43 characters) or the absolute path of a file holding them',
  );
};

const clientSecret = (raw: string, env: string): string => {
  if (raw.length < 32 || /\s/.test(raw))
    throw new ConfigError(env, 'must be at least 32 characters without spaces');
  return raw;
};

/** The settings table: environment variable, default and meaning. */
export const settings = {
  host: { env: 'HOST', doc: 'Interface both servers listen on', default: '127.0.0.1', parse: text },
  mitidPort: { env: 'MITID_PORT', doc: 'Port of the MitID service', default: '3000', parse: port },
  bankPort: { env: 'BANK_PORT', doc: 'Port of Min Bank', default: '3001', parse: port },
  borgerPort: {
    env: 'BORGER_PORT',
    doc: 'Port of Borger (the second demo service)',
    default: '3002',
    parse: port,
  },
  mitidUrl: {
    env: 'MITID_URL',
    doc: 'Public origin of the MitID service',
    default: undefined, // derived: http://localhost:<MITID_PORT>
    parse: origin,
  },
  bankUrl: {
    env: 'BANK_URL',
    doc: 'Public origin of Min Bank',
    default: undefined, // derived: http://127.0.0.1:<BANK_PORT>
    parse: origin,
  },
  borgerUrl: {
    env: 'BORGER_URL',
    doc: 'Public origin of Borger',
    default: undefined, // derived: http://127.0.0.1:<BORGER_PORT>
    parse: origin,
  },
  clientsFile: {
    env: 'CLIENTS_FILE',
    doc: 'A JSON array of OpenID Connect clients upserted into the client registry at start',
    default: undefined,
    parse: text,
  },
  oidcSimulation: {
    env: 'OIDC_SIMULATION',
    doc: '"on" lets test clients log in with the simulation parameter (no UI); never on in production',
    default: 'off',
    parse: (raw: string, env: string): boolean => {
      if (raw === 'on') return true;
      if (raw === 'off') return false;
      throw new ConfigError(env, `must be "on" or "off" (got "${raw}")`);
    },
  },
  dataDir: {
    env: 'DATA_DIR',
    doc: 'Folder for the embedded database and secrets',
    default: './data',
    parse: text,
  },
  databaseUrl: {
    env: 'DATABASE_URL',
    doc: '"sqlite" (embedded, in DATA_DIR) or a postgres:// URL',
    default: 'sqlite',
    parse: databaseUrl,
  },
  logLevel: {
    env: 'LOG_LEVEL',
    doc: 'pino log level',
    default: 'info',
    parse: oneOf<LogLevel>('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'),
  },
  messageTransport: {
    env: 'MESSAGE_TRANSPORT',
    doc: '"outbox" keeps every message for the development page; "smtp" sends e-mail through SMTP_URL',
    default: 'outbox',
    parse: oneOf<MessageTransport>('outbox', 'smtp'),
  },
  smtpUrl: {
    env: 'SMTP_URL',
    doc: 'smtp://host:port for the smtp transport',
    default: undefined,
    parse: text,
  },
  mailFrom: {
    env: 'MAIL_FROM',
    doc: 'Sender of e-mails',
    default: 'MitID <noreply@mitid.localhost>',
    parse: text,
  },
  devPages: {
    env: 'DEV_PAGES',
    doc: 'Serve development pages (message outbox, demo key cards)',
    default: 'true',
    parse: bool,
  },
  seedDemo: {
    env: 'SEED_DEMO',
    doc: 'Seed the demo people on first start',
    default: undefined, // derived: DEV_PAGES
    parse: bool,
  },
  trustProxy: {
    env: 'TRUST_PROXY',
    doc: 'Proxies whose X-Forwarded-For is believed (addresses or CIDRs, comma-separated)',
    default: '',
    parse: proxies,
  },
  rateLimitPages: {
    env: 'RATE_LIMIT_PAGES',
    doc: 'Requests per minute per client address and route of the browser flows',
    default: '1200',
    parse: perMinute,
  },
  rateLimitActivation: {
    env: 'RATE_LIMIT_ACTIVATION',
    doc: "Requests per minute per client address and route of the app's activation steps",
    default: '1200',
    parse: perMinute,
  },
  rateLimitDevice: {
    env: 'RATE_LIMIT_DEVICE',
    doc: "Requests per minute per client address and route of the app's signed device calls",
    default: '30000',
    parse: perMinute,
  },
  rateLimitApi: {
    env: 'RATE_LIMIT_API',
    doc: 'Requests per minute per client address and route of the server-to-server APIs',
    default: '6000',
    parse: perMinute,
  },
  rateLimitPerClient: {
    env: 'RATE_LIMIT_PER_CLIENT',
    doc: 'Calls per minute per authenticated client of the RA and transaction APIs (counted in the database)',
    default: '60000',
    parse: perMinute,
  },
  rateLimitPerDevice: {
    env: 'RATE_LIMIT_PER_DEVICE',
    doc: 'Signed calls in any minute per app device (counted in the database)',
    default: '120',
    parse: perMinute,
  },
  metrics: {
    env: 'METRICS',
    doc: '/metrics: off, open, or token (Bearer METRICS_TOKEN)',
    default: undefined, // derived: token with METRICS_TOKEN, else open with DEV_PAGES, else off
    parse: oneOf<MetricsMode>('off', 'open', 'token'),
  },
  metricsToken: {
    env: 'METRICS_TOKEN',
    doc: 'Bearer token for /metrics',
    default: undefined,
    parse: token,
  },
  // -- keys shared by every node (src/platform/keys) --
  keyEncryptionKey: {
    env: 'KEY_ENCRYPTION_KEY',
    doc: 'Key-encryption key of the key stores (base64url of 32 bytes, or a file path); nodes sharing a database need the same',
    default: undefined, // generated into DATA_DIR/secrets.json
    parse: keyEncryptionKey,
  },
  bankClientSecret: {
    env: 'BANK_CLIENT_SECRET',
    doc: "Min Bank's client secret at the MitID service; both services and every MitID node need the same",
    default: undefined, // generated into DATA_DIR/secrets.json
    parse: clientSecret,
  },
  borgerClientSecret: {
    env: 'BORGER_CLIENT_SECRET',
    doc: "Borger's client secret at the MitID service; both services and every MitID node need the same",
    default: undefined, // generated into DATA_DIR/secrets.json
    parse: clientSecret,
  },
  bankSupportPassword: {
    env: 'BANK_SUPPORT_PASSWORD',
    doc: "The password of Min Bank's phone support page (/support), at least 12 characters",
    default: undefined, // generated into DATA_DIR/secrets.json
    parse: (raw: string, env: string): string => {
      if ([...raw].length < 12) throw new ConfigError(env, 'must be at least 12 characters');
      return raw;
    },
  },
} satisfies { [K in keyof Config]: Setting<Config[K]> };

/** Reads and validates the configuration. Throws ConfigError naming the first bad setting. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const read = <K extends keyof typeof settings>(
    key: K,
  ): ReturnType<(typeof settings)[K]['parse']> | undefined => {
    const s: Setting<unknown> = settings[key];
    const raw = env[s.env] ?? s.default;
    return raw === undefined ? undefined : (s.parse(raw, s.env) as ReturnType<(typeof settings)[K]['parse']>);
  };
  const mitidPort = read('mitidPort') as number;
  const bankPort = read('bankPort') as number;
  const borgerPort = read('borgerPort') as number;
  const messageTransport = read('messageTransport') as MessageTransport;
  const smtpUrl = read('smtpUrl');
  if (messageTransport === 'smtp' && !smtpUrl) {
    throw new ConfigError('SMTP_URL', 'must be set when MESSAGE_TRANSPORT is smtp');
  }
  if (smtpUrl && !/^smtps?:\/\/[^/]+/.test(smtpUrl)) {
    throw new ConfigError('SMTP_URL', `must look like smtp://host:port (got "${smtpUrl}")`);
  }
  const mitidUrl = read('mitidUrl') ?? `http://localhost:${mitidPort}`;
  const bankUrl = read('bankUrl') ?? `http://127.0.0.1:${bankPort}`;
  if (new URL(mitidUrl).host === new URL(bankUrl).host) {
    throw new ConfigError('BANK_URL', 'must be a different origin from MITID_URL');
  }
  const borgerUrl = read('borgerUrl') ?? `http://127.0.0.1:${borgerPort}`;
  if ([mitidUrl, bankUrl].some((u) => new URL(u).host === new URL(borgerUrl).host)) {
    throw new ConfigError('BORGER_URL', 'must be a different origin from MITID_URL and BANK_URL');
  }
  const devPages = read('devPages') as boolean;
  const metricsToken = read('metricsToken');
  const metrics = read('metrics') ?? (metricsToken ? 'token' : devPages ? 'open' : 'off');
  if (metrics === 'token' && !metricsToken) {
    throw new ConfigError('METRICS_TOKEN', 'must be set when METRICS is token');
  }
  return {
    host: read('host') as string,
    mitidPort,
    bankPort,
    borgerPort,
    mitidUrl,
    bankUrl,
    borgerUrl,
    clientsFile: read('clientsFile'),
    oidcSimulation: read('oidcSimulation') as boolean,
    dataDir: path.resolve(read('dataDir') as string),
    databaseUrl: read('databaseUrl') as string,
    logLevel: read('logLevel') as LogLevel,
    messageTransport,
    smtpUrl,
    mailFrom: read('mailFrom') as string,
    devPages,
    seedDemo: read('seedDemo') ?? devPages,
    trustProxy: read('trustProxy') as string[],
    rateLimitPages: read('rateLimitPages') as number,
    rateLimitActivation: read('rateLimitActivation') as number,
    rateLimitDevice: read('rateLimitDevice') as number,
    rateLimitApi: read('rateLimitApi') as number,
    rateLimitPerClient: read('rateLimitPerClient') as number,
    rateLimitPerDevice: read('rateLimitPerDevice') as number,
    metrics,
    metricsToken,
    keyEncryptionKey: read('keyEncryptionKey'),
    bankClientSecret: read('bankClientSecret'),
    borgerClientSecret: read('borgerClientSecret'),
    bankSupportPassword: read('bankSupportPassword'),
  };
}

/** For a process's start: the configuration, or the setting's message and exit code 1. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}
