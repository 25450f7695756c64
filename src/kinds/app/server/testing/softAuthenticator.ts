/**
 * A platform authenticator in software for the biometrics tests (Chromium's virtual authenticator
 * does this in the browser tests): a P-256 credential, attestation "none", user presence and user
 * verification flags, and a signature counter that moves up with each assertion.
 */
import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { isoCBOR } from '@simplewebauthn/server/helpers';

const b64u = (b: Uint8Array): string => Buffer.from(b).toString('base64url');
const u32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};

const UP = 0x01;
const UV = 0x04;
const AT = 0x40;

export class SoftAuthenticator {
  readonly credentialId = randomBytes(16);
  readonly #key: KeyObject;
  readonly #publicJwk: { x: string; y: string };
  counter = 0;
  /** false: a fingerprint that was not recognised (no UV flag). */
  userVerified = true;
  readonly #origin: string;
  readonly #rpId: string;

  constructor(origin: string) {
    this.#origin = origin;
    this.#rpId = new URL(origin).hostname;
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.#key = privateKey;
    const jwk = publicKey.export({ format: 'jwk' });
    this.#publicJwk = { x: String(jwk.x), y: String(jwk.y) };
  }

  #rpIdHash(): Buffer {
    return createHash('sha256').update(this.#rpId).digest();
  }

  #flags(): number {
    return UP | (this.userVerified ? UV : 0);
  }

  #clientData(type: 'webauthn.create' | 'webauthn.get', challenge: string, origin = this.#origin): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }), 'utf8');
  }

  /** navigator.credentials.create() answering `options` (only its challenge is used). */
  register(options: { challenge: string }): RegistrationResponseJSON {
    const cose = new Map<number, number | Uint8Array>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, new Uint8Array(Buffer.from(this.#publicJwk.x, 'base64url'))],
      [-3, new Uint8Array(Buffer.from(this.#publicJwk.y, 'base64url'))],
    ]);
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.credentialId.length);
    const authData = Buffer.concat([
      this.#rpIdHash(),
      Buffer.from([this.#flags() | AT]),
      u32(this.counter),
      Buffer.alloc(16),
      idLength,
      this.credentialId,
      Buffer.from(isoCBOR.encode(cose)),
    ]);
    const attestation = new Map<string, string | Map<string, string> | Uint8Array>([
      ['fmt', 'none'],
      ['attStmt', new Map<string, string>()],
      ['authData', new Uint8Array(authData)],
    ]);
    return {
      id: b64u(this.credentialId),
      rawId: b64u(this.credentialId),
      type: 'public-key',
      response: {
        clientDataJSON: b64u(this.#clientData('webauthn.create', options.challenge)),
        attestationObject: b64u(isoCBOR.encode(attestation)),
        transports: ['internal'],
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }

  /** navigator.credentials.get() answering `options`; the counter moves up first. */
  assert(
    options: { challenge: string },
    opts: { origin?: string; counter?: number } = {},
  ): AuthenticationResponseJSON {
    this.counter = opts.counter ?? this.counter + 1;
    const authData = Buffer.concat([this.#rpIdHash(), Buffer.from([this.#flags()]), u32(this.counter)]);
    const clientData = this.#clientData('webauthn.get', options.challenge, opts.origin);
    const signed = Buffer.concat([authData, createHash('sha256').update(clientData).digest()]);
    return {
      id: b64u(this.credentialId),
      rawId: b64u(this.credentialId),
      type: 'public-key',
      response: {
        clientDataJSON: b64u(clientData),
        authenticatorData: b64u(authData),
        signature: b64u(sign('sha256', signed, this.#key)),
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }
}
