import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import {
  matchChannelProof,
  parseQr,
  QR_FUTURE_S,
  QR_PAST_S,
  qrPayload,
  TYPED_CODE_LENGTH,
  typedCode,
} from './channelBinding.ts';

const cand = (id: string) => ({ id, secret: randomBytes(32).toString('base64url') });
const T = 1_795_510_800_000;

test('a QR frame opens its own authentication within the tolerance, and no other', () => {
  const a = cand('a1');
  const b = cand('b2');
  const qr = qrPayload(a, T);
  assert.equal(matchChannelProof({ qr }, [b, a], T), 'a1');
  assert.equal(matchChannelProof({ qr }, [a], T + QR_PAST_S * 1000), 'a1');
  assert.equal(matchChannelProof({ qr }, [a], T + (QR_PAST_S + 1) * 1000), undefined, 'too old');
  assert.equal(matchChannelProof({ qr }, [a], T - (QR_FUTURE_S + 1) * 1000), undefined, 'from the future');
  assert.equal(matchChannelProof({ qr }, [b], T), undefined, 'another person’s login');
  assert.equal(matchChannelProof({ qr }, [{ id: 'a1', secret: b.secret }], T), undefined, 'wrong secret');
});

test('a QR frame changes every second and a tampered one is refused', () => {
  const a = cand('a1');
  assert.notEqual(qrPayload(a, T), qrPayload(a, T + 1000));
  assert.equal(qrPayload(a, T), qrPayload(a, T + 999));
  const qr = qrPayload(a, T);
  const p = parseQr(qr);
  assert.ok(p);
  const later = qr.replace(`:${p.t}:`, `:${p.t + 1}:`);
  assert.equal(matchChannelProof({ qr: later }, [a], T), undefined);
  for (const bad of ['', 'x', `${qr}x`, qr.toUpperCase(), 'mitid-login:v1:a1:1:short']) {
    assert.equal(matchChannelProof({ qr: bad }, [a], T), undefined, bad);
  }
});

test('the typed code: digits of the fixed length, stable, and it opens only its own', () => {
  const a = cand('a1');
  const b = cand('b2');
  const code = typedCode(a);
  assert.match(code, new RegExp(`^[0-9]{${TYPED_CODE_LENGTH}}$`));
  assert.equal(typedCode(a), code);
  assert.equal(matchChannelProof({ code }, [b, a], T), 'a1');
  assert.equal(matchChannelProof({ code: `${code.slice(0, 3)} ${code.slice(3)}` }, [a], T), 'a1');
  assert.equal(matchChannelProof({ code }, [b], T), typedCode(b) === code ? 'b2' : undefined);
  for (const bad of ['', '12345', '1234567', 'abcdef', `${code}0`]) {
    assert.equal(matchChannelProof({ code: bad }, [a], T), undefined, bad);
  }
});
