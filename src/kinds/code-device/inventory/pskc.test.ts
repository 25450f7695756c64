/**
 * PSKC (RFC 6030): the cryptography against the RFC's Figure 6 example, and readPskc on files made
 * by exportPskc: a good file (HMAC-SHA1 and HMAC-SHA256), a wrong MAC (the MAC key, one entry), a
 * malformed container, one bad entry among good ones, a serial twice, a wrong transport key.
 * Every refusal names its problems and returns no device.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { type DeviceSeed, exportPskc } from './exportPskc.ts';
import { decryptValue, macMatches } from './pskcCrypto.ts';
import { describePskcProblem, readPskc } from './readPskc.ts';

const KEY = Buffer.from('12345678901234567890123456789012', 'hex');

test('RFC 6030 Figure 6: the MAC key and the secret open, and the ValueMAC is over the cipher value', () => {
  const macKey = decryptValue(
    KEY,
    Buffer.from('ESIzRFVmd4iZABEiM0RVZgKn6WjLaTC1sbeBMSvIhRejN9vJa2BOlSaMrR7I5wSX', 'base64'),
  );
  assert.equal(macKey?.toString('hex'), '1122334455667788990011223344556677889900');
  const value = Buffer.from('AAECAwQFBgcICQoLDA0OD+cIHItlB3Wra1DUpxVvOx2lef1VmNPCMl8jwZqIUqGv', 'base64');
  assert.equal(decryptValue(KEY, value)?.toString('hex'), '3132333435363738393031323334353637383930');
  assert.ok(
    macKey &&
      macMatches(
        'http://www.w3.org/2000/09/xmldsig#hmac-sha1',
        macKey,
        value,
        Buffer.from('Su+NvtQfmvfJzF6bmQiJqoLRExc=', 'base64'),
      ),
  );
});

const devices = (n: number): DeviceSeed[] =>
  Array.from({ length: n }, (_, i) => ({
    serial: `${i % 2 ? 'KO' : 'KV'}-10000000${i}`,
    kind: i % 2 ? 'codeReader' : 'codeDisplay',
    secret: randomBytes(20),
  }));
const file = (ds: DeviceSeed[], opts: { mac?: 'http://www.w3.org/2001/04/xmldsig-more#hmac-sha256' } = {}) =>
  exportPskc(ds, KEY, { batch: 'factory-2026-11', bytes: randomBytes, ...opts });
const problems = (xml: string, key = KEY) => {
  const r = readPskc(xml, key);
  assert.equal(r.ok, false, 'refused');
  return r.ok ? [] : r.problems.map(describePskcProblem);
};

test('a good file gives every device with its seed, kind and the batch id; HMAC-SHA256 too', () => {
  const ds = devices(5);
  for (const xml of [file(ds), file(ds, { mac: 'http://www.w3.org/2001/04/xmldsig-more#hmac-sha256' })]) {
    const r = readPskc(xml, KEY);
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.batch, 'factory-2026-11');
    assert.deepEqual(
      r.devices.map((d) => [d.serial, d.kind, d.secret.toString('hex')]),
      ds.map((d) => [d.serial, d.kind, d.secret.toString('hex')]),
    );
  }
  // Without a KeyContainer Id the batch is the file's SHA-256.
  const r = readPskc(file(ds).replace(' Id="factory-2026-11"', ''), KEY);
  assert.ok(r.ok && /^[0-9a-f]{64}$/.test(r.batch));
});

test('a wrong MAC: the MAC key changed is named for the file; one entry changed is named by entry and serial', () => {
  const ds = devices(3);
  const xml = file(ds);
  // Another MAC key, properly encrypted: every entry's MAC fails.
  const other = exportPskc(ds, KEY, { batch: 'x', bytes: randomBytes });
  const otherMacKey = /<MACKey>[\s\S]*?<\/MACKey>/.exec(other)?.[0] ?? '';
  assert.deepEqual(problems(xml.replace(/<MACKey>[\s\S]*?<\/MACKey>/, otherMacKey)), [
    'file: no entry\u2019s ValueMAC matches: the transport key or the MAC key is wrong',
  ]);
  const macs = [...xml.matchAll(/<ValueMAC>([^<]+)<\/ValueMAC>/g)].map((m) => m[1] ?? '');
  const flipped = Buffer.from(macs[1] ?? '', 'base64');
  flipped[0] = (flipped[0] ?? 0) ^ 1;
  assert.deepEqual(problems(xml.replace(macs[1] ?? '', flipped.toString('base64'))), [
    `entry 2 (${ds[1]?.serial}): the ValueMAC does not match: the entry was changed`,
  ]);
});

test('a wrong transport key is named, and opens nothing', () => {
  const xml = file(devices(4));
  const wrong = randomBytes(16);
  const found = problems(xml, wrong);
  assert.equal(found.length, 1);
  assert.match(
    found[0] ?? '',
    /^file: (the transport key does not open the MAC key|no entry.s ValueMAC matches)/,
  );
});

test('a malformed or foreign container is named; nothing is read', () => {
  const good = file(devices(2));
  const cases: [string, RegExp][] = [
    [good.slice(0, good.length - 30), /not well-formed XML/],
    ['not xml at all', /not well-formed XML|root element/],
    [good.replace('Version="1.0"', 'Version="2.0"'), /Version is not 1\.0/],
    [good.replaceAll('urn:ietf:params:xml:ns:keyprov:pskc"', 'urn:example:other"'), /namespace/],
    [good.replace(/hmac-sha1/g, 'hmac-md5'), /MACMethod is not HMAC-SHA1 or HMAC-SHA256/],
    [good.replace(/<ds:KeyName>[^<]*<\/ds:KeyName>/, ''), /names no pre-shared key/],
    [good.replace(/<KeyPackage>[\s\S]*<\/KeyPackage>/, ''), /no KeyPackage/],
    [`<!DOCTYPE x [<!ENTITY a "b">]>${good.replace(/^<\?xml[^>]*>/, '')}`, /DOCTYPE/],
  ];
  for (const [xml, expected] of cases) {
    const found = problems(xml);
    assert.equal(found.length, 1, found.join('; '));
    assert.match(found[0] ?? '', expected);
  }
});

test('one bad entry among good ones: all its problems named, no device returned', () => {
  const ds = devices(4);
  const xml = file(ds);
  const parts = xml.split('<KeyPackage>');
  // Entry 3 becomes an 8-digit HOTP key; entry 4 gets a bad serial.
  parts[3] = (parts[3] ?? '').replace('pskc:totp', 'pskc:hotp');
  parts[4] = (parts[4] ?? '').replace(`<SerialNo>${ds[3]?.serial}</SerialNo>`, '<SerialNo>KV-12</SerialNo>');
  assert.deepEqual(problems(parts.join('<KeyPackage>')), [
    `entry 3 (${ds[2]?.serial}): the Key Algorithm is not TOTP (urn:ietf:params:xml:ns:keyprov:pskc:hotp)`,
    'entry 4 (KV-12): the serial is not KV- or KO- and 9 digits',
  ]);
  const digits = xml.replace('Length="6"', 'Length="8"');
  assert.deepEqual(problems(digits), [
    `entry 1 (${ds[0]?.serial}): the ResponseFormat is not Length 6 Encoding DECIMAL`,
  ]);
  const period = xml.replace('<PlainValue>30</PlainValue>', '<PlainValue>60</PlainValue>');
  assert.deepEqual(problems(period), [`entry 1 (${ds[0]?.serial}): the TimeInterval is not 30 seconds`]);
});

test('a serial twice in the file is named at its second entry', () => {
  const ds = devices(3);
  const twice = [...ds, { ...ds[0], secret: randomBytes(20) } as DeviceSeed];
  assert.deepEqual(problems(file(twice)), [
    `entry 4 (${ds[0]?.serial}): the serial is in the file twice (also entry 1)`,
  ]);
});

test("the RFC's own Figure 6 file (HOTP, 8 digits, another serial format) is refused with its problem named", () => {
  const rfc = `<?xml version="1.0" encoding="UTF-8"?>
<KeyContainer Version="1.0" xmlns="urn:ietf:params:xml:ns:keyprov:pskc" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:xenc="http://www.w3.org/2001/04/xmlenc#">
  <EncryptionKey><ds:KeyName>Pre-shared-key</ds:KeyName></EncryptionKey>
  <MACMethod Algorithm="http://www.w3.org/2000/09/xmldsig#hmac-sha1">
    <MACKey><xenc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>
      <xenc:CipherData><xenc:CipherValue>ESIzRFVmd4iZABEiM0RVZgKn6WjLaTC1sbeBMSvIhRejN9vJa2BOlSaMrR7I5wSX</xenc:CipherValue></xenc:CipherData></MACKey>
  </MACMethod>
  <KeyPackage>
    <DeviceInfo><Manufacturer>Manufacturer</Manufacturer><SerialNo>987654321</SerialNo></DeviceInfo>
    <Key Id="12345678" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:hotp">
      <AlgorithmParameters><ResponseFormat Length="8" Encoding="DECIMAL"/></AlgorithmParameters>
      <Data><Secret><EncryptedValue><xenc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>
        <xenc:CipherData><xenc:CipherValue>AAECAwQFBgcICQoLDA0OD+cIHItlB3Wra1DUpxVvOx2lef1VmNPCMl8jwZqIUqGv</xenc:CipherValue></xenc:CipherData></EncryptedValue>
        <ValueMAC>Su+NvtQfmvfJzF6bmQiJqoLRExc=</ValueMAC></Secret>
        <Counter><PlainValue>0</PlainValue></Counter></Data>
    </Key>
  </KeyPackage>
</KeyContainer>`;
  assert.deepEqual(problems(rfc), ['entry 1 (987654321): the serial is not KV- or KO- and 9 digits']);
});
