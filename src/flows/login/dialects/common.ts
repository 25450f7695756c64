/**
 * What both dialects share: reading a request's values strictly (a value of the wrong shape is
 * refused with a message naming the parameter, never guessed at), the base64 reference text, the
 * MitID uuid, the simulation parameter, the scopes, and the person's age. Pure.
 */
import type { Level } from '../../../core/authenticators/index.ts';
import { checkPersonText, type PersonTextProblem } from '../../../platform/text/checkPersonText.ts';
import { copenhagenDate } from '../../../platform/time/copenhagenTime.ts';
import type { DialectClient, RequestRefusal } from './Dialect.ts';

/** The reference text's limit (brokers.md §1.1 `reference_text`, §1.2 `message:`, "Limits"). */
export const REFERENCE_TEXT_MAX = 130;

/** A refusal travels as an exception inside a parse and leaves it as `{ ok: false, refusal }`. */
export class Refused extends Error {
  readonly refusal: RequestRefusal;
  constructor(refusal: RequestRefusal) {
    super(refusal.description);
    this.refusal = refusal;
  }
}

export const refuse = (description: string, error: RequestRefusal['error'] = 'invalid_request'): never => {
  throw new Refused({ error, description });
};

/** A parameter's value: absent (undefined, null or the empty string) or a string; else refused. */
export function optionalString(params: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') return refuse(`${name} must be a string`);
  return value;
}

/** Space-separated tokens (OAuth's list form: any run of spaces separates). */
export const tokens = (value: string): string[] => value.split(/[ \t]+/).filter((t) => t !== '');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A MitID uuid (the 8-4-4-4-12 hex form), lower-cased as identities store it; else refused. */
export function parseUuid(value: unknown, field: string): string {
  if (typeof value !== 'string' || !UUID.test(value)) return refuse(`${field} must be a uuid`);
  return value.toLowerCase();
}

const STANDARD_B64 = /^[A-Za-z0-9+/]*={0,2}$/;
const URL_SAFE_B64 = /^[A-Za-z0-9_-]*={0,2}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** How a person-text problem reads in a refusal, for a text of at most `max` characters. */
export const textProblems = (max: number, notText = 'is not text'): Record<PersonTextProblem, string> => ({
  notText,
  surrogate: 'contains a broken character (a lone surrogate)',
  lineBreak: 'contains a line break',
  control: 'contains a control character',
  format: 'contains an invisible formatting character',
  privateUse: 'contains a private-use character',
  unassigned: 'contains an unassigned character',
  invisible: 'contains an invisible character',
  rtlWithDigits: 'mixes right-to-left letters with digits',
  empty: 'is empty',
  tooLong: `is longer than ${max} characters`,
});

export const TEXT_PROBLEMS = textProblems(REFERENCE_TEXT_MAX);

/**
 * A base64 text shown to the person: the standard alphabet or the url-safe one (not mixed),
 * padding optional, UTF-8 inside, then the project's person-text check, counted after decoding
 * (code points after NFC). Returns the text as stored and shown.
 */
export function decodeReferenceText(value: unknown, field: string): string {
  if (typeof value !== 'string') return refuse(`${field} must be a base64 string`);
  const alphabetOk = STANDARD_B64.test(value) || URL_SAFE_B64.test(value);
  const unpadded = value.replace(/=+$/, '');
  // A length of 1 modulo 4 is no base64 at all; padding, when present, must complete the quad.
  const lengthOk = unpadded.length % 4 !== 1 && (unpadded.length === value.length || value.length % 4 === 0);
  if (!alphabetOk || !lengthOk) return refuse(`${field} is not valid base64`);
  const bytes = Buffer.from(unpadded.replaceAll('-', '+').replaceAll('_', '/'), 'base64');
  // Non-zero bits after the last byte mean the text was not made by a base64 encoder.
  if (bytes.toString('base64').replace(/=+$/, '') !== unpadded.replaceAll('-', '+').replaceAll('_', '/')) {
    return refuse(`${field} is not valid base64`);
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return refuse(`${field} is not UTF-8 text once decoded from base64`);
  }
  const checked = checkPersonText(text, { field, max: REFERENCE_TEXT_MAX });
  if (!checked.ok) {
    const at =
      checked.codePoint === undefined
        ? ''
        : ` (U+${checked.codePoint.toString(16).toUpperCase().padStart(4, '0')})`;
    return refuse(`${field} ${TEXT_PROBLEMS[checked.problem]}${at}`);
  }
  return checked.value;
}

export const LEVEL_WORDS: readonly Level[] = ['low', 'substantial', 'high'];

/**
 * The scopes asked for: `openid` must be there (both brokers are OpenID Connect); a scope that
 * needs `mayCpr` from a client without it fails the flow (Signaturgruppen: "Requesting a scope
 * the client is not allowed to use fails the whole flow"); `strict` refuses unknown scopes too.
 */
export function checkScopes(
  params: Readonly<Record<string, unknown>>,
  client: DialectClient,
  known: readonly string[],
  cprScopes: readonly string[],
  strict: boolean,
): void {
  const scope = optionalString(params, 'scope');
  const asked = tokens(scope ?? '');
  if (!asked.includes('openid')) refuse('scope must contain openid', 'invalid_scope');
  for (const s of asked) {
    if (cprScopes.includes(s) && !client.mayCpr)
      refuse(`The client may not request scope ${s}`, 'invalid_scope');
    if (strict && !known.includes(s)) refuse(`The client may not request scope ${s}`, 'invalid_scope');
  }
}

/**
 * `simulation=no-ui uuid:<uuid>` (Signaturgruppen's enterprise add-on, brokers.md §1.1): only
 * when the setting enables it and only from a test client. `simulation=ui` is refused (the real
 * box with the headless app is that), as are the other simulated inputs (`username:`, `cpr:`,
 * `mitid_erhverv_uuid:`): a simulation names the person by their MitID uuid.
 */
export function parseSimulation(
  params: Readonly<Record<string, unknown>>,
  client: DialectClient,
  settings: { simulationEnabled: boolean },
): { uuid: string } | null {
  const value = optionalString(params, 'simulation');
  if (value === undefined) return null;
  if (!settings.simulationEnabled) refuse('Simulation is not enabled');
  if (!client.testClient) refuse('Simulation is not enabled for this client', 'unauthorized_client');
  const [mode, ...rest] = tokens(value);
  if (mode === 'ui') {
    refuse('simulation=ui is not offered: use simulation=no-ui, or the login box with the headless app');
  }
  if (mode !== 'no-ui') refuse('simulation must start with no-ui');
  let uuid: string | undefined;
  for (const t of rest) {
    if (!t.startsWith('uuid:')) refuse(`simulation supports only uuid:<uuid>, not ${t.split(':')[0]}`);
    if (uuid !== undefined) refuse('simulation names uuid: more than once');
    uuid = parseUuid(t.slice('uuid:'.length), 'simulation uuid');
  }
  if (uuid === undefined) return refuse('simulation needs uuid:<uuid>');
  return { uuid };
}

/**
 * The age in whole years on Copenhagen's calendar date at `nowS`: a birthday counts from its
 * local midnight. Someone born on 29 February is a year older on 1 March in other years.
 */
export function ageAt(dateOfBirth: string, nowS: number): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateOfBirth);
  if (!m) throw new Error(`dateOfBirth ${dateOfBirth} is not YYYY-MM-DD`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const today = copenhagenDate(nowS * 1000);
  const hadBirthday = today.month > month || (today.month === month && today.day >= day);
  return today.year - year - (hadBirthday ? 0 : 1);
}

/** Runs a parse, turning a refusal into the Dialect interface's result. */
export function parsing<T>(
  parse: () => T,
): { ok: true; request: T } | { ok: false; refusal: RequestRefusal } {
  try {
    return { ok: true, request: parse() };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, refusal: e.refusal };
    throw e;
  }
}
