/**
 * Fills in what `people create` was not given: a random valid, unused CPR number; a free user-ID
 * from the given name and birth year; a generated password; a demo address.
 */
import type { Kysely } from 'kysely';
import type { MitidDb } from '../../core/db/index.ts';
import type { PersonInput } from '../../core/people/index.ts';
import {
  type FieldProblem,
  InvalidInputError,
  randomCpr,
  validateCpr,
  validatePersonInput,
} from '../../core/people/index.ts';
import { nemidPasswordProblem, validateNemidUserId } from '../../flows/nemid/index.ts';
import type { Random } from '../../platform/random.ts';

export interface CreateArgs {
  name: string;
  cpr?: string | undefined;
  userId?: string | undefined;
  password?: string | undefined;
  street?: string | undefined;
  postalCode?: string | undefined;
  city?: string | undefined;
  municipalityCode?: string | undefined;
}

const demoAddresses = [
  { street: 'Vestergade 12', postalCode: '1456', city: 'København K', municipalityCode: '101' },
  { street: 'Søndergade 4, 1. tv.', postalCode: '8000', city: 'Aarhus C', municipalityCode: '751' },
  { street: 'Kongensgade 30', postalCode: '5000', city: 'Odense C', municipalityCode: '461' },
  { street: 'Algade 9', postalCode: '9000', city: 'Aalborg', municipalityCode: '851' },
];

/** "Anna Marie Berg" → given "Anna Marie", family "Berg". */
export function splitName(name: string): { givenName: string; familyName: string } {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length < 2) throw new InvalidInputError([{ field: 'familyName', reason: 'required' }]);
  return { givenName: words.slice(0, -1).join(' '), familyName: words.at(-1) ?? '' };
}

/**
 * The checks that need no database, run before it is opened: bad input then leaves no trace at
 * all. Missing values are filled in later with valid ones, so only given values are checked.
 */
export function precheckCreateArgs(args: CreateArgs): FieldProblem[] {
  let names: { givenName: string; familyName: string };
  try {
    names = splitName(args.name);
  } catch (err) {
    if (err instanceof InvalidInputError) return [...err.problems];
    throw err;
  }
  const fallback = demoAddresses[0] ?? {
    street: 'x',
    postalCode: '1000',
    city: 'x',
    municipalityCode: '101',
  };
  const person = validatePersonInput({
    cpr: args.cpr ?? '0101901234',
    ...names,
    street: args.street ?? fallback.street,
    postalCode: args.postalCode ?? fallback.postalCode,
    city: args.city ?? fallback.city,
    municipalityCode: args.municipalityCode ?? fallback.municipalityCode,
  });
  const problems: FieldProblem[] = person.ok ? [] : [...person.problems];
  const cpr = person.ok && args.cpr !== undefined ? person.person.cpr : '';
  if (args.userId !== undefined) {
    const user = validateNemidUserId(args.userId, cpr);
    if (!user.ok) problems.push({ field: 'userId', reason: user.reason });
  }
  if (args.password !== undefined) {
    const reason = nemidPasswordProblem(args.password, args.userId ?? '', cpr);
    if (reason) problems.push({ field: 'password', reason });
  }
  return problems;
}

export async function planPerson(
  db: Kysely<MitidDb>,
  random: Random,
  args: CreateArgs,
): Promise<{ person: PersonInput; nemid: { userId: string; password: string } }> {
  const { givenName, familyName } = splitName(args.name);
  let cpr = args.cpr;
  for (let i = 0; cpr === undefined && i < 50; i++) {
    const candidate = randomCpr(random);
    const used = await db.selectFrom('people').select('cpr').where('cpr', '=', candidate).executeTakeFirst();
    if (!used) cpr = candidate;
  }
  if (cpr === undefined) throw new Error('Could not find an unused CPR number');

  let userId = args.userId;
  if (userId === undefined) {
    const checked = validateCpr(cpr);
    const yy = checked.ok ? checked.birthDate.slice(2, 4) : random.digits(2);
    const stem =
      givenName
        .toLowerCase()
        .normalize('NFC')
        .replace(/[^a-zæøå]/g, '')
        .slice(0, 12) || 'person';
    for (let i = 0; userId === undefined && i < 50; i++) {
      const candidate = `${stem.padEnd(4, 'x')}${yy}${i === 0 ? '' : random.digits(2)}`;
      const used = await db
        .selectFrom('nemid_credentials')
        .select('cpr')
        .where('user_id_norm', '=', candidate)
        .executeTakeFirst();
      if (!used) userId = candidate;
    }
    if (userId === undefined) throw new Error('Could not find a free user-ID');
  }

  const address = demoAddresses[random.int(0, demoAddresses.length)] ?? demoAddresses[0];
  return {
    person: {
      cpr,
      givenName,
      familyName,
      street: args.street ?? address?.street ?? '',
      postalCode: args.postalCode ?? address?.postalCode ?? '',
      city: args.city ?? address?.city ?? '',
      municipalityCode: args.municipalityCode ?? address?.municipalityCode ?? '',
    },
    nemid: {
      userId,
      password: args.password ?? `Nem-${random.digits(4)}-${random.token(6).replace(/[-_]/g, 'x')}`,
    },
  };
}
