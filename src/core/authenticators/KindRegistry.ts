/**
 * The kind registry (docs/decisions/0010 §3.1): per kind, what the enrollment wizard offers of it
 * (EnrollmentOffer) and the rules Authenticators.activate keeps (factors, level, how many may be
 * active, which kinds exclude it). The root builds it once from the kinds' descriptors and passes
 * it to whatever needs to know the kinds (the wizard, Authenticators); nothing else lists kinds.
 *
 * A descriptor is the data half of a Kind: a Kind is a KindDescriptor, and a kind whose
 * implementation does not exist yet (code display and code reader, ordered devices of
 * flows/orders until issue 11; the chip) is registered by its descriptor alone.
 *
 * Rules, checked when the registry is built (a bad registration stops the start, naming it):
 * - a name is a known KindName, registered once; factors, level, needs and excludes are known
 *   values; a kind excludes no kind that does not exclude it back (activate checks only the new
 *   kind's list, so a one-sided exclusion would hold in one order only);
 * - every text id of an offer is in the catalogue with a Danish and an English text;
 * - an offer is delivered from the app store alone or ordered (post, pickup), never both; one
 *   offered at enrollment names the contact it needs and the contact step's texts for it.
 */
import { catalogue, isMessageId } from '../../i18n/catalogue.ts';
import { languages } from '../../i18n/types.ts';
import {
  type ActivationRules,
  CONTACT_CHANNELS,
  DELIVERIES,
  type EnrollmentOffer,
  FACTORS,
  KIND_NAMES,
  type Kind,
  type KindName,
  LEVELS,
  OFFERED_WHEN,
} from './Kind.ts';

/** What the registry holds of a kind: a Kind's data, without its behaviour. */
export type KindDescriptor = Pick<
  Kind,
  'name' | 'factors' | 'maxLevel' | 'needs' | 'maxActivePerIdentity' | 'excludes' | 'enrollment'
>;

export const isKindName = (v: unknown): v is KindName =>
  typeof v === 'string' && (KIND_NAMES as readonly string[]).includes(v);

const within = <T extends string>(allowed: readonly T[], values: readonly unknown[]): boolean =>
  values.every((v) => (allowed as readonly unknown[]).includes(v)) && new Set(values).size === values.length;

/** Why a descriptor cannot be registered, or undefined when it can (`all`: every descriptor). */
function problemOf(d: KindDescriptor, all: readonly KindDescriptor[]): string | undefined {
  if (!isKindName(d.name)) return 'is no known kind';
  if (d.factors.length === 0 || !within(FACTORS, d.factors)) return 'has no factors, or unknown ones';
  if (!LEVELS.includes(d.maxLevel)) return `has an unknown level ${String(d.maxLevel)}`;
  if (!Number.isInteger(d.maxActivePerIdentity) || d.maxActivePerIdentity < 1)
    return 'must allow at least one active authenticator';
  for (const [list, what] of [
    [d.needs, 'needs'],
    [d.excludes, 'excludes'],
  ] as const) {
    if (!within(KIND_NAMES, list) || list.includes(d.name)) return `${what} an unknown kind, or itself`;
  }
  for (const other of d.excludes) {
    const o = all.find((x) => x.name === other);
    if (o && !o.excludes.includes(d.name)) return `excludes ${other}, which does not exclude it back`;
  }
  return d.enrollment ? offerProblem(d.enrollment) : undefined;
}

function offerProblem(o: EnrollmentOffer): string | undefined {
  if (!OFFERED_WHEN.includes(o.when)) return `has an unknown offer time ${String(o.when)}`;
  if (o.deliveries.length === 0 || !within(DELIVERIES, o.deliveries))
    return 'has no deliveries, or unknown ones';
  if (o.deliveries.includes('appStore') && o.deliveries.length > 1)
    return 'is delivered both from the app store and as an ordered device';
  if (!within(CONTACT_CHANNELS, o.contact)) return 'needs an unknown contact';
  const texts: [string, unknown][] = [
    ['label', o.label],
    ['hint', o.hint],
    ['name', o.name],
  ];
  if (o.when === 'enrollment') {
    if (o.contact.length === 0) return 'is offered at enrollment but needs no contact';
    texts.push(['contactNote', o.contactNote], ['contactMissing', o.contactMissing]);
  }
  for (const [field, id] of texts) {
    if (typeof id !== 'string' || !isMessageId(id))
      return `has no text ${field} in the catalogue (${String(id)})`;
    const text = catalogue[id];
    const missing = languages.find((lang) => !text[lang]?.trim());
    if (missing) return `has no ${missing} text for ${field} (${id})`;
  }
  return undefined;
}

export class KindRegistry {
  readonly #kinds: ReadonlyMap<KindName, KindDescriptor>;

  /** Throws, naming the kind and the problem, when a descriptor breaks a rule above. */
  constructor(descriptors: readonly KindDescriptor[]) {
    const kinds = new Map<KindName, KindDescriptor>();
    for (const d of descriptors) {
      const problem = kinds.has(d.name) ? 'is registered twice' : problemOf(d, descriptors);
      if (problem) throw new Error(`Authenticator kind ${String(d.name)} ${problem}`);
      kinds.set(d.name, d);
    }
    this.#kinds = kinds;
  }

  /** The registered kinds, in registration order (the order the wizard shows them in). */
  names(): KindName[] {
    return [...this.#kinds.keys()];
  }

  /** The kind of that name, or undefined: any string may be asked (a form's value, a stored row). */
  get(name: string): KindDescriptor | undefined {
    return isKindName(name) ? this.#kinds.get(name) : undefined;
  }

  /** The kind of that name; throws for a kind that is not registered (a programming error). */
  require(name: string): KindDescriptor {
    const d = this.get(name);
    if (!d) throw new Error(`Authenticator kind ${name} is not registered`);
    return d;
  }

  /** What the wizard offers of the kind, or undefined for a kind that is not registered. */
  offer(name: string): EnrollmentOffer | undefined {
    return this.get(name)?.enrollment;
  }

  /** The kinds offered at `when`, in registration order. */
  offered(when: EnrollmentOffer['when']): (KindDescriptor & { enrollment: EnrollmentOffer })[] {
    return [...this.#kinds.values()].filter(
      (d): d is KindDescriptor & { enrollment: EnrollmentOffer } => d.enrollment?.when === when,
    );
  }

  /** Whether a person may choose the kind in the enrollment wizard. */
  choosableAtEnrollment(name: string): name is KindName {
    return this.offer(name)?.when === 'enrollment';
  }

  /** What Authenticators.activate keeps, by kind. */
  activationRules(): Partial<Record<KindName, ActivationRules>> {
    return Object.fromEntries(
      [...this.#kinds.values()].map((d) => [
        d.name,
        {
          factors: d.factors,
          maxLevel: d.maxLevel,
          maxActivePerIdentity: d.maxActivePerIdentity,
          excludes: d.excludes,
        },
      ]),
    );
  }
}

/** The registry of these kinds (see KindRegistry). */
export const kindRegistry = (descriptors: readonly KindDescriptor[]): KindRegistry =>
  new KindRegistry(descriptors);
