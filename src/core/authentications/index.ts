/** Authentications, not app transactions (docs/decisions/0010 §2.3, §2.4, §3.2). */
export {
  ACTIONS,
  type Action,
  type Authentication,
  type AuthenticationResult,
  type AuthenticationStatus,
  CANCEL_REASONS,
  type CancelReason,
  type Channel,
  type StoredStatus,
} from './Authentication.ts';
export {
  AUTHENTICATION_COLUMNS,
  Authentications,
  type AuthenticationsOptions,
  authenticationFromRow,
  MAX_TEXT_LENGTH,
  type NewAuthentication,
  type ProofIn,
  requiresUserVerification,
  visibleTo,
} from './Authentications.ts';
export { AUTHENTICATION_TTL_MS, CONSUME_TTL_MS, next, statusAt } from './authenticationStates.ts';
export {
  type ChannelCandidate,
  type ChannelProof,
  matchChannelProof,
  parseQr,
  QR_FUTURE_S,
  QR_PAST_S,
  QR_PREFIX,
  QR_REFRESH_MS,
  qrPayload,
  TYPED_CODE_LENGTH,
  typedCode,
} from './channelBinding.ts';
export type { AuthenticationsTable } from './tables.ts';
export { canonicalTransactionJson, type DigestFields, transactionDigest } from './transactionDigest.ts';
