/** The broker dialects (decision 0012 §3): pure; the provider asks the client's dialect. */
import type { Dialect, DialectName } from './Dialect.ts';
import { idura } from './idura.ts';
import { signaturgruppen } from './signaturgruppen.ts';

export { ageAt, REFERENCE_TEXT_MAX, TEXT_PROBLEMS } from './common.ts';
export {
  DIALECTS,
  type Dialect,
  type DialectClient,
  type DialectName,
  type LoginFacts,
  type LoginRequest,
  type PersonFacts,
  type RequestRefusal,
  type Transaction,
} from './Dialect.ts';
export { idura } from './idura.ts';
export { signaturgruppen, signaturgruppenAmr } from './signaturgruppen.ts';
export { nsisLevel, parseTransaction } from './transaction.ts';
export {
  checkPaymentInitiation,
  formatKroner,
  PAYMENT_INITIATION,
  type PaymentInitiation,
  transferText,
} from './transfer.ts';

const BY_NAME: Record<DialectName, Dialect> = { signaturgruppen, idura };

const SG_BASE = [
  'idp',
  'identity_type',
  'loa',
  'ial',
  'aal',
  'amr',
  'neb_sid',
  'transaction_id',
  'session_expiry',
];
const IDURA_BASE = [
  'identityscheme',
  'authenticationtype',
  'authenticationinstant',
  'uuid',
  'name',
  'birthdate',
  'age',
  'country',
];

/**
 * Every claim `claims()` may give, by the scope that grants it: oidc-provider's `claims`
 * setting (the library drops a claim no granted scope names). `openid` also holds the ID token's.
 */
export const CLAIMS_BY_SCOPE: Record<DialectName, Readonly<Record<string, readonly string[]>>> = {
  signaturgruppen: {
    openid: ['sub', ...SG_BASE, 'idp_identity_id', 'session_is_active'],
    mitid: [
      'mitid.uuid',
      'mitid.identity_name',
      'mitid.date_of_birth',
      'mitid.age',
      'mitid.transaction_id',
      'mitid.has_cpr',
    ],
    ssn: ['dk.cpr'],
  },
  idura: {
    openid: ['sub', ...IDURA_BASE],
    ssn: ['cprNumberIdentifier'],
  },
};

/** The dialect of that name (a client's `dialect` column). */
export function dialectOf(name: DialectName): Dialect {
  const dialect = BY_NAME[name];
  if (dialect === undefined) throw new Error(`Unknown dialect ${String(name)}`);
  return dialect;
}
