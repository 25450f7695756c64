/**
 * A MitID chip in software for the chip's tests (Chromium's virtual authenticator does this in the
 * browser test): a roaming authenticator with one discoverable P-256 credential. Registration
 * answers with attestation "none" (authenticatorData flags UP|UV|AT, the COSE key, clientDataJSON);
 * an assertion signs authenticatorData ‖ SHA-256(clientDataJSON) and returns the user handle it
 * stored, as a discoverable credential does. Each knob makes one refusal a test needs: no UV flag,
 * another origin or RP id, a counter set by hand.
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

export interface CeremonyKnobs {
  /** The page's origin as the browser reports it (default: the chip's origin). */
  origin?: string;
  /** The RP id the chip hashes (default: the origin's host). */
  rpId?: string;
  /** The counter to report (default: one more than the last). */
  counter?: number;
  /** The challenge to answer instead of the options' one (a replay of an older ceremony). */
  challenge?: string;
}

export class SoftChip {
  readonly credentialId = randomBytes(16);
  readonly #key: KeyObject;
  readonly #publicJwk: { x: string; y: string };
  readonly #origin: string;
  counter = 0;
  /** false: the chip's PIN or fingerprint was not checked (no UV flag). */
  userVerified = true;
  /** The user handle stored at registration (options.user.id). */
  userHandle: string | undefined;

  constructor(origin: string) {
    this.#origin = new URL(origin).origin;
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.#key = privateKey;
    const jwk = publicKey.export({ format: 'jwk' });
    this.#publicJwk = { x: String(jwk.x), y: String(jwk.y) };
  }

  get id(): string {
    return b64u(this.credentialId);
  }

  #head(k: CeremonyKnobs, extra: number): Buffer {
    const rpId = k.rpId ?? new URL(k.origin ?? this.#origin).hostname;
    return Buffer.concat([
      createHash('sha256').update(rpId).digest(),
      Buffer.from([UP | (this.userVerified ? UV : 0) | extra]),
      u32(this.counter),
    ]);
  }

  #clientData(type: 'webauthn.create' | 'webauthn.get', challenge: string, k: CeremonyKnobs): Buffer {
    const data = {
      type,
      challenge: k.challenge ?? challenge,
      origin: k.origin ?? this.#origin,
      crossOrigin: false,
    };
    return Buffer.from(JSON.stringify(data), 'utf8');
  }

  /** navigator.credentials.create() answering `options`: keeps user.id as its user handle. */
  register(
    options: { challenge: string; user: { id: string } },
    k: CeremonyKnobs = {},
  ): RegistrationResponseJSON {
    this.userHandle = options.user.id;
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
      this.#head(k, AT),
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
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      response: {
        clientDataJSON: b64u(this.#clientData('webauthn.create', options.challenge, k)),
        attestationObject: b64u(isoCBOR.encode(attestation)),
        transports: ['usb'],
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'cross-platform',
    };
  }

  /** navigator.credentials.get() answering `options` (empty allowCredentials: this chip's one credential). */
  assert(options: { challenge: string }, k: CeremonyKnobs = {}): AuthenticationResponseJSON {
    this.counter = k.counter ?? this.counter + 1;
    const authData = this.#head(k, 0);
    const clientData = this.#clientData('webauthn.get', options.challenge, k);
    const signed = Buffer.concat([authData, createHash('sha256').update(clientData).digest()]);
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      response: {
        clientDataJSON: b64u(clientData),
        authenticatorData: b64u(authData),
        signature: b64u(sign('sha256', signed, this.#key)),
        ...(this.userHandle ? { userHandle: this.userHandle } : {}),
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'cross-platform',
    };
  }
}
