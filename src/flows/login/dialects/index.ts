/** The broker dialects (decision 0012 §3): pure; the provider asks the client's dialect. */
import type { Dialect, DialectName } from './Dialect.ts';
import { idura } from './idura.ts';
import { signaturgruppen } from './signaturgruppen.ts';

export { ageAt, REFERENCE_TEXT_MAX } from './common.ts';
export {
  DIALECTS,
  type Dialect,
  type DialectClient,
  type DialectName,
  type LoginFacts,
  type LoginRequest,
  type PersonFacts,
  type RequestRefusal,
} from './Dialect.ts';
export { idura } from './idura.ts';
export { signaturgruppen, signaturgruppenAmr } from './signaturgruppen.ts';

const BY_NAME: Record<DialectName, Dialect> = { signaturgruppen, idura };

/** The dialect of that name (a client's `dialect` column). */
export function dialectOf(name: DialectName): Dialect {
  const dialect = BY_NAME[name];
  if (dialect === undefined) throw new Error(`Unknown dialect ${String(name)}`);
  return dialect;
}
