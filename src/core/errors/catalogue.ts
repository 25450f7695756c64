/**
 * Every error code a person or a client of the MitID service can see (decision 0010 §3.4;
 * docs/errors.md). One entry per code: its HTTP status, whether it may be shown as itself (else
 * `publicAs`), its text (src/i18n, Danish and English), its name in each published protocol, the
 * details it may carry and its challenge header. The composition root hands these to createApp;
 * every route refuses with `refuse(code, details?)` and useErrors writes the answer.
 *
 * Vocabularies: the names a published protocol fixes.
 *   app/v1   the app protocol and the transaction API (docs/protocols/app.md, "Errors"); closed:
 *            a code without an app/v1 name is answered as invalid_request, not_found or server_error
 *   ra/v1    the registration-authority API (docs/protocols/enrollment.md); open: a code without a
 *            ra/v1 name is answered as its ERR_* code (rate limits, a body too large, a fault)
 *   oauth    RFC 6749 §5.2, NemID's token endpoint; open likewise
 * errors.docs.test.ts keeps the documents and this table equal; catalogue.test.ts checks the texts
 * and that no name is used twice in a vocabulary.
 */
import type { ErrorDef, VocabularyRule } from '../../platform/http/errors.ts';
import { platformErrors } from '../../platform/http/errors.ts';

export const vocabularies = {
  'app/v1': { shape: 'json', closed: true },
  'ra/v1': { shape: 'json' },
  oauth: { shape: 'oauth' },
} as const satisfies Record<string, VocabularyRule>;

export type Vocabulary = keyof typeof vocabularies;

/** An entry of this catalogue: the platform's ErrorDef with the vocabularies and codes named. */
type Def = Omit<ErrorDef, 'wire' | 'wireText' | 'publicAs'> & {
  readonly publicAs?: string;
  readonly wire?: Partial<Record<Vocabulary, string>>;
  readonly wireText?: Partial<Record<Vocabulary, ErrorDef['text']>>;
};

const basic = { 'www-authenticate': 'Basic realm="{realm}"' } as const;

export const errors = {
  // -- the generic codes (src/platform/http/errors.ts), with their protocol names
  ...platformErrors,
  ERR_BAD_REQUEST: {
    ...platformErrors.ERR_BAD_REQUEST,
    wire: { 'app/v1': 'invalid_request', 'ra/v1': 'invalid_request', oauth: 'invalid_request' },
    wireText: { 'app/v1': 'app.error.invalid_request' },
  },
  ERR_NOT_FOUND: {
    ...platformErrors.ERR_NOT_FOUND,
    wire: { 'app/v1': 'not_found' },
    wireText: { 'app/v1': 'app.error.not_found' },
  },
  ERR_PAYLOAD_TOO_LARGE: {
    ...platformErrors.ERR_PAYLOAD_TOO_LARGE,
    wire: { 'app/v1': 'request_too_large' },
    wireText: { 'app/v1': 'app.error.request_too_large' },
  },
  ERR_RATE_LIMITED: {
    ...platformErrors.ERR_RATE_LIMITED,
    wire: { 'app/v1': 'rate_limited' },
    wireText: { 'app/v1': 'app.error.rate_limited' },
  },
  ERR_INTERNAL: {
    ...platformErrors.ERR_INTERNAL,
    wire: { 'app/v1': 'server_error', oauth: 'server_error' },
    wireText: { 'app/v1': 'app.error.server_error' },
  },
  ERR_UNAVAILABLE: { ...platformErrors.ERR_UNAVAILABLE, wire: { oauth: 'temporarily_unavailable' } },

  // -- client authentication (the RA API, the transaction API, NemID's token endpoint)
  ERR_INVALID_CLIENT: {
    status: 401,
    expose: true,
    text: 'error.ERR_INVALID_CLIENT',
    wire: { 'app/v1': 'invalid_client', 'ra/v1': 'invalid_client', oauth: 'invalid_client' },
    wireText: { 'app/v1': 'app.error.invalid_client' },
    headers: basic,
  },

  // -- the app protocol (src/kinds/app/server)
  ERR_ACTIVATION_EXPIRED: {
    status: 410,
    expose: true,
    text: 'app.error.activation_expired',
    wire: { 'app/v1': 'activation_expired' },
  },
  ERR_CODE_WRONG: {
    status: 400,
    expose: true,
    text: 'app.error.wrong_code',
    wire: { 'app/v1': 'wrong_code' },
    details: ['attemptsLeft'],
  },
  ERR_TEMPORARY_PIN_WRONG: {
    status: 400,
    expose: true,
    text: 'app.error.wrong_temporary_pin',
    wire: { 'app/v1': 'wrong_temporary_pin' },
    details: ['attemptsLeft'],
  },
  ERR_CODE_BLOCKED: {
    status: 410,
    expose: true,
    text: 'app.error.code_blocked',
    wire: { 'app/v1': 'code_blocked' },
  },
  ERR_CODE_EXPIRED: {
    status: 410,
    expose: true,
    text: 'app.error.code_expired',
    wire: { 'app/v1': 'code_expired' },
  },
  /** A step out of turn: the app's activation (repeated call), the enrollment wizard's. */
  ERR_WRONG_STEP: {
    status: 409,
    expose: true,
    text: 'app.error.wrong_step',
    wire: { 'app/v1': 'wrong_step' },
  },
  ERR_TOO_MANY_AUTHENTICATORS: {
    status: 409,
    expose: true,
    text: 'app.error.too_many_devices',
    wire: { 'app/v1': 'too_many_devices' },
  },
  ERR_DEVICE_SIGNATURE: {
    status: 401,
    expose: true,
    text: 'app.error.invalid_device_signature',
    wire: { 'app/v1': 'invalid_device_signature' },
    headers: { 'www-authenticate': 'MitID-Device' },
  },
  ERR_PIN_BLOCKED: {
    status: 423,
    expose: true,
    text: 'app.error.pin_blocked',
    wire: { 'app/v1': 'pin_blocked' },
    details: ['until', 'permanent'],
  },
  ERR_PIN_WRONG: {
    status: 400,
    expose: true,
    text: 'app.error.wrong_pin',
    wire: { 'app/v1': 'wrong_pin' },
    details: ['attemptsLeft'],
  },
  ERR_AUTHENTICATION_NOT_PENDING: {
    status: 409,
    expose: true,
    text: 'app.error.transaction_not_pending',
    wire: { 'app/v1': 'transaction_not_pending' },
  },
  ERR_APPROVAL_INVALID: {
    status: 400,
    expose: true,
    text: 'app.error.invalid_approval',
    wire: { 'app/v1': 'invalid_approval' },
  },
  ERR_BIOMETRICS_NOT_ALLOWED: {
    status: 409,
    expose: true,
    text: 'app.error.biometrics_not_allowed',
    wire: { 'app/v1': 'biometrics_not_allowed' },
  },
  /** The login box's QR or typed code (POST /devices/:id/channel): wrong, expired or another person's. */
  ERR_CHANNEL_PROOF_WRONG: {
    status: 400,
    expose: true,
    text: 'app.error.wrong_channel_proof',
    wire: { 'app/v1': 'wrong_channel_proof' },
    details: ['attemptsLeft'],
  },

  // -- the registration-authority API (src/flows/enrollment/routes/raApi.ts), and identity's refusals
  ERR_UNKNOWN_PERSON: {
    status: 422,
    expose: true,
    text: 'error.ERR_UNKNOWN_PERSON',
    wire: { 'ra/v1': 'unknown_person' },
  },
  ERR_IDENTIFICATION_TOO_OLD: {
    status: 422,
    expose: true,
    text: 'error.ERR_IDENTIFICATION_TOO_OLD',
    wire: { 'ra/v1': 'identification_too_old' },
  },
  ERR_ALREADY_HAS_MITID: {
    status: 409,
    expose: true,
    text: 'error.ERR_ALREADY_HAS_MITID',
    wire: { 'ra/v1': 'already_enrolled' },
  },

  // -- NemID's token endpoint (RFC 6749 §5.2; invalid_request and invalid_client are above)
  ERR_GRANT_INVALID: {
    status: 400,
    expose: true,
    text: 'error.ERR_GRANT_INVALID',
    wire: { oauth: 'invalid_grant' },
  },
  ERR_GRANT_TYPE_UNSUPPORTED: {
    status: 400,
    expose: true,
    text: 'error.ERR_GRANT_TYPE_UNSUPPORTED',
    wire: { oauth: 'unsupported_grant_type' },
  },

  // -- identity (src/core/identity: identityErrorCodes)
  ERR_USER_ID_INVALID: {
    status: 400,
    expose: true,
    text: 'error.ERR_USER_ID_INVALID',
    details: ['field', 'problem'],
  },
  ERR_USER_ID_TAKEN: { status: 409, expose: true, text: 'error.ERR_USER_ID_TAKEN' },
  /** Another person's NemID user-ID: shown as taken, which says nothing about a stranger's NemID. */
  ERR_USER_ID_RESERVED: {
    status: 409,
    expose: false,
    publicAs: 'ERR_USER_ID_TAKEN',
    text: 'error.ERR_USER_ID_RESERVED',
  },
  ERR_IDENTITY_NOT_FOUND: { status: 404, expose: true, text: 'error.ERR_IDENTITY_NOT_FOUND' },
  ERR_STATUS_CHANGE_NOT_ALLOWED: { status: 409, expose: true, text: 'error.ERR_STATUS_CHANGE_NOT_ALLOWED' },
  ERR_IDENTITY_REVOKED: { status: 409, expose: true, text: 'error.ERR_IDENTITY_REVOKED' },

  // -- the enrollment flow (src/flows/enrollment: enrollmentErrorCodes)
  ERR_FLOW_FINISHED: { status: 409, expose: true, text: 'error.ERR_FLOW_FINISHED' },
  ERR_FLOW_CHANGED: { status: 409, expose: true, text: 'error.ERR_FLOW_CHANGED' },
  ERR_STEP_INCOMPLETE: { status: 409, expose: true, text: 'error.ERR_STEP_INCOMPLETE' },

  // -- device orders (src/flows/orders: orderErrorCodes)
  ERR_ORDER_NOT_FOUND: { status: 404, expose: true, text: 'error.ERR_ORDER_NOT_FOUND' },
  ERR_ORDER_STEP_NOT_ALLOWED: { status: 409, expose: true, text: 'error.ERR_ORDER_STEP_NOT_ALLOWED' },
  ERR_ALREADY_ORDERED: { status: 409, expose: true, text: 'error.ERR_ALREADY_ORDERED' },
  ERR_SLOT_REQUIRED: { status: 400, expose: true, text: 'error.ERR_SLOT_REQUIRED' },
  ERR_SLOT_NOT_FOUND: { status: 404, expose: true, text: 'error.ERR_SLOT_NOT_FOUND' },
  ERR_SLOT_PAST: { status: 409, expose: true, text: 'error.ERR_SLOT_PAST' },
  ERR_SLOT_FULL: { status: 409, expose: true, text: 'error.ERR_SLOT_FULL' },
  ERR_CHIP_BY_POST_ONLY: { status: 400, expose: true, text: 'error.ERR_CHIP_BY_POST_ONLY' },
  ERR_OUT_OF_STOCK: { status: 409, expose: true, text: 'error.ERR_OUT_OF_STOCK' },
  ERR_ORDER_NOT_READY: { status: 409, expose: true, text: 'error.ERR_ORDER_NOT_READY' },
  ERR_SERIAL_MISMATCH: { status: 409, expose: true, text: 'error.ERR_SERIAL_MISMATCH' },
  ERR_ALREADY_COLLECTED: { status: 409, expose: true, text: 'error.ERR_ALREADY_COLLECTED' },
  ERR_PHOTO_ID_INVALID: { status: 400, expose: true, text: 'error.ERR_PHOTO_ID_INVALID' },

  // -- messages (src/core/messages: messageErrorCodes). A caller's programming error: never shown
  // (ERR_INTERNAL), logged as itself.
  ERR_MESSAGE_CHANNEL: { status: 500, expose: false, publicAs: 'ERR_INTERNAL', text: 'error.ERR_INTERNAL' },
  ERR_MESSAGE_RECIPIENT: { status: 500, expose: false, publicAs: 'ERR_INTERNAL', text: 'error.ERR_INTERNAL' },
  ERR_MESSAGE_SUBJECT: { status: 500, expose: false, publicAs: 'ERR_INTERNAL', text: 'error.ERR_INTERNAL' },
  ERR_MESSAGE_BODY: { status: 500, expose: false, publicAs: 'ERR_INTERNAL', text: 'error.ERR_INTERNAL' },
} as const satisfies Record<string, Def>;

export type ErrorCode = keyof typeof errors;

/** `publicAs` names a code of this catalogue (a wrong one fails the type-check here). */
type BadPublicAs = {
  [C in ErrorCode]: (typeof errors)[C] extends { publicAs: infer P }
    ? P extends ErrorCode
      ? never
      : C
    : never;
}[ErrorCode];
export const publicAsChecked: [BadPublicAs] extends [never] ? true : BadPublicAs = true;
