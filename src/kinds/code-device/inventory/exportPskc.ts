/**
 * A PSKC file (RFC 6030) of code devices, as a factory sends one: a KeyContainer with a pre-shared
 * transport key (AES-128-CBC), a MAC key encrypted under it, and per device a KeyPackage with the
 * serial, the TOTP profile (6 decimal digits, 30 s, t0 0) and the seed encrypted and MACed. Used
 * for demo batches (`npm run device -- batch`, the dev start); importPskc.ts reads it back.
 */
import { createHash } from 'node:crypto';
import type { CodeDeviceKind } from '../tables.ts';
import { AES128_CBC, encryptValue, type MacUri, valueMac } from './pskcCrypto.ts';

export const PSKC_NS = 'urn:ietf:params:xml:ns:keyprov:pskc';
export const TOTP_URI = 'urn:ietf:params:xml:ns:keyprov:pskc:totp';

export interface DeviceSeed {
  serial: string;
  kind: CodeDeviceKind;
  secret: Buffer;
}

export interface ExportOptions {
  /** The KeyContainer's Id: the batch id the import records. */
  batch: string;
  /** The transport key's name (EncryptionKey/ds:KeyName). */
  keyName?: string;
  mac?: MacUri;
  /** Random bytes: the MAC key and each IV (injected, style rule 7). */
  bytes(n: number): Buffer;
}

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const MODEL: Record<CodeDeviceKind, string> = {
  codeDisplay: 'MitID kodeviser',
  codeReader: 'MitID kodeoplæser',
};

export function exportPskc(
  devices: readonly DeviceSeed[],
  transportKey: Buffer,
  opts: ExportOptions,
): string {
  if (transportKey.length !== 16) throw new Error('The transport key must be 16 bytes (AES-128)');
  const mac = opts.mac ?? 'http://www.w3.org/2000/09/xmldsig#hmac-sha1';
  const macKey = opts.bytes(mac.endsWith('sha256') ? 32 : 20);
  const encrypted = (plain: Buffer): Buffer => encryptValue(transportKey, opts.bytes(16), plain);
  const cipherData = (value: Buffer, indent: string): string =>
    [
      `${indent}<xenc:EncryptionMethod Algorithm="${AES128_CBC}"/>`,
      `${indent}<xenc:CipherData>`,
      `${indent}  <xenc:CipherValue>${value.toString('base64')}</xenc:CipherValue>`,
      `${indent}</xenc:CipherData>`,
    ].join('\n');
  const packages = devices.map((d) => {
    const value = encrypted(d.secret);
    return [
      '  <KeyPackage>',
      '    <DeviceInfo>',
      '      <Manufacturer>Open MitID demo factory</Manufacturer>',
      `      <SerialNo>${esc(d.serial)}</SerialNo>`,
      `      <Model>${esc(MODEL[d.kind])}</Model>`,
      '    </DeviceInfo>',
      `    <Key Id="${esc(d.serial)}" Algorithm="${TOTP_URI}">`,
      '      <Issuer>MitID</Issuer>',
      '      <AlgorithmParameters>',
      '        <ResponseFormat Length="6" Encoding="DECIMAL"/>',
      '      </AlgorithmParameters>',
      '      <Data>',
      '        <Secret>',
      '          <EncryptedValue>',
      cipherData(value, '            '),
      '          </EncryptedValue>',
      `          <ValueMAC>${valueMac(mac, macKey, value).toString('base64')}</ValueMAC>`,
      '        </Secret>',
      '        <Time>',
      '          <PlainValue>0</PlainValue>',
      '        </Time>',
      '        <TimeInterval>',
      '          <PlainValue>30</PlainValue>',
      '        </TimeInterval>',
      '      </Data>',
      '    </Key>',
      '  </KeyPackage>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<KeyContainer Version="1.0" Id="${esc(opts.batch)}" xmlns="${PSKC_NS}"`,
    '    xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:xenc="http://www.w3.org/2001/04/xmlenc#">',
    '  <EncryptionKey>',
    `    <ds:KeyName>${esc(opts.keyName ?? `transport-${opts.batch}`)}</ds:KeyName>`,
    '  </EncryptionKey>',
    `  <MACMethod Algorithm="${mac}">`,
    '    <MACKey>',
    cipherData(encrypted(macKey), '      '),
    '    </MACKey>',
    '  </MACMethod>',
    ...packages,
    '</KeyContainer>',
    '',
  ].join('\n');
}

/** A file's batch id when its KeyContainer has no Id: its SHA-256. */
export const fileDigest = (xml: string): string => createHash('sha256').update(xml, 'utf8').digest('hex');
