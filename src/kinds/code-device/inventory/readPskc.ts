/**
 * Reading a factory's PSKC file (RFC 6030, decision 0014 §3), pure: the whole file is checked and
 * every problem named (entry number from 1, and the serial when there is one) before anything is
 * returned, so the import writes all of it or nothing. Checked:
 * - well-formed XML, no DOCTYPE (no entities to expand), at most 10 MB and 10 000 entries;
 * - the container: KeyContainer Version 1.0 in the PSKC namespace, a pre-shared key name, a
 *   MACMethod of HMAC-SHA1 or HMAC-SHA256 whose MAC key the transport key opens;
 * - each KeyPackage: a serial KV-/KO- + 9 digits, not twice in the file; Key Algorithm TOTP;
 *   ResponseFormat Length 6 Encoding DECIMAL; TimeInterval 30 and Time 0 (when given);
 *   the seed AES-128-CBC, its ValueMAC right, 16–64 bytes once opened.
 * When no entry's MAC matches, the transport key (or the MAC key) is named, not every entry.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { kindOfSerial } from '../serial.ts';
import { type DeviceSeed, fileDigest, PSKC_NS, TOTP_URI } from './exportPskc.ts';
import { AES128_CBC, decryptValue, isMacUri, type MacUri, macMatches } from './pskcCrypto.ts';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_ENTRIES = 10_000;

export interface PskcProblem {
  /** 1-based KeyPackage number; absent for a problem of the file. */
  entry?: number;
  serial?: string;
  problem: string;
}

export type PskcRead =
  | { ok: true; batch: string; devices: DeviceSeed[] }
  | { ok: false; problems: PskcProblem[] };

type Node = Record<string, unknown>;
const obj = (v: unknown): Node | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : undefined;
const text = (v: unknown): string | undefined => {
  if (typeof v === 'string') return v.trim();
  const o = obj(v);
  return o && typeof o['#text'] === 'string' ? (o['#text'] as string).trim() : undefined;
};
const base64 = (v: string | undefined): Buffer | undefined => {
  if (v === undefined) return undefined;
  const s = v.replace(/\s/g, '');
  return s.length > 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(s) && s.length % 4 === 0
    ? Buffer.from(s, 'base64')
    : undefined;
};

/** The bytes of an xenc-encrypted element (EncryptedValue, MACKey), or why not. */
function cipherValueOf(node: Node | undefined): Buffer | string {
  if (!node) return 'has no encrypted value';
  const method = obj(node.EncryptionMethod)?.['@_Algorithm'];
  if (method !== AES128_CBC) return `is not encrypted with AES-128-CBC (${String(method ?? 'no method')})`;
  const value = base64(text(obj(node.CipherData)?.CipherValue));
  return value ?? 'has no valid CipherValue';
}

export function readPskc(xml: string, transportKey: Buffer): PskcRead {
  const file = (problem: string): PskcRead => ({ ok: false, problems: [{ problem }] });
  if (Buffer.byteLength(xml, 'utf8') > MAX_FILE_BYTES) return file('the file is larger than 10 MB');
  if (/<!DOCTYPE/i.test(xml)) return file('the file has a DOCTYPE (not allowed in a PSKC file)');
  const valid = XMLValidator.validate(xml);
  if (valid !== true)
    return file(`the file is not well-formed XML (line ${valid.err.line}: ${valid.err.msg})`);
  const parsed = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: false,
    isArray: (name) => name === 'KeyPackage',
  }).parse(xml) as Node;
  const container = obj(parsed.KeyContainer);
  if (!container) return file('the root element is not a PSKC KeyContainer');
  const rawRoot = /<([A-Za-z_][\w.-]*:)?KeyContainer\b[^>]*>/.exec(xml)?.[0] ?? '';
  if (!rawRoot.includes(PSKC_NS)) return file(`the KeyContainer is not in the namespace ${PSKC_NS}`);
  if (container['@_Version'] !== '1.0') return file('the KeyContainer Version is not 1.0');
  if (!text(obj(container.EncryptionKey)?.KeyName))
    return file('the EncryptionKey names no pre-shared key (ds:KeyName)');
  if (transportKey.length !== 16) return file('the transport key is not 16 bytes (32 hex digits)');
  const macMethod = obj(container.MACMethod);
  const macUri = String(macMethod?.['@_Algorithm'] ?? '');
  if (!isMacUri(macUri)) return file(`the MACMethod is not HMAC-SHA1 or HMAC-SHA256 (${macUri || 'none'})`);
  const macKeyValue = cipherValueOf(obj(macMethod?.MACKey));
  if (typeof macKeyValue === 'string') return file(`the MAC key ${macKeyValue}`);
  const macKey = decryptValue(transportKey, macKeyValue);
  if (!macKey) return file('the transport key does not open the MAC key: wrong transport key?');

  const id = container['@_Id'];
  const batch = typeof id === 'string' && id.length > 0 ? id : fileDigest(xml);
  if (!/^[\w.-]{1,80}$/.test(batch))
    return file('the KeyContainer Id is not 1–80 letters, digits, ".", "_" or "-"');
  const packages = (container.KeyPackage as unknown[] | undefined) ?? [];
  if (packages.length === 0) return file('the file has no KeyPackage');
  if (packages.length > MAX_ENTRIES) return file(`the file has more than ${MAX_ENTRIES} KeyPackages`);

  const problems: PskcProblem[] = [];
  const devices: DeviceSeed[] = [];
  const seen = new Map<string, number>();
  let macFailures = 0;
  packages.forEach((p, i) => {
    const entry = i + 1;
    const pkg = obj(p) ?? {};
    const serial = text(obj(pkg.DeviceInfo)?.SerialNo) ?? '';
    const first = seen.get(serial);
    if (serial && first === undefined) seen.set(serial, entry);
    const checked =
      first !== undefined
        ? `the serial is in the file twice (also entry ${first})`
        : readEntry(pkg, serial, { macUri, macKey, transportKey });
    if (typeof checked !== 'string') devices.push(checked);
    else {
      if (checked === MAC_WRONG) macFailures += 1;
      problems.push({ entry, ...(serial ? { serial } : {}), problem: checked });
    }
  });
  if (macFailures === packages.length) {
    return file('no entry\u2019s ValueMAC matches: the transport key or the MAC key is wrong');
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, batch, devices };
}

const MAC_WRONG = 'the ValueMAC does not match: the entry was changed';

/** One KeyPackage: the device, or its first problem. */
function readEntry(
  pkg: Node,
  serial: string,
  c: { macUri: MacUri; macKey: Buffer; transportKey: Buffer },
): DeviceSeed | string {
  const kind = kindOfSerial(serial);
  if (!kind) return serial ? 'the serial is not KV- or KO- and 9 digits' : 'no DeviceInfo/SerialNo';
  const key = obj(pkg.Key);
  if (!key) return 'no Key';
  if (key['@_Algorithm'] !== TOTP_URI) return `the Key Algorithm is not TOTP (${String(key['@_Algorithm'])})`;
  const format = obj(obj(key.AlgorithmParameters)?.ResponseFormat);
  if (format?.['@_Length'] !== '6' || format['@_Encoding'] !== 'DECIMAL')
    return 'the ResponseFormat is not Length 6 Encoding DECIMAL';
  const data = obj(key.Data);
  if (text(obj(data?.TimeInterval)?.PlainValue) !== '30') return 'the TimeInterval is not 30 seconds';
  const t0 = data?.Time === undefined ? '0' : text(obj(data.Time)?.PlainValue);
  if (t0 !== '0') return 'the Time (T0) is not 0';
  const secretNode = obj(data?.Secret);
  const value = cipherValueOf(obj(secretNode?.EncryptedValue));
  if (typeof value === 'string') return `the Secret ${value}`;
  const mac = base64(text(secretNode?.ValueMAC));
  if (!mac) return 'the Secret has no ValueMAC';
  if (!macMatches(c.macUri, c.macKey, value, mac)) return MAC_WRONG;
  const secret = decryptValue(c.transportKey, value);
  if (!secret) return 'the transport key does not open the Secret';
  if (secret.length < 16 || secret.length > 64) return 'the Secret is not 16–64 bytes';
  return { serial, kind, secret };
}

/** One problem as the CLI prints it: "entry 3 (KV-123456789): …" or "file: …". */
export const describePskcProblem = (p: PskcProblem): string =>
  p.entry === undefined
    ? `file: ${p.problem}`
    : `entry ${p.entry}${p.serial ? ` (${p.serial})` : ''}: ${p.problem}`;
