/**
 * Levels of assurance (docs/decisions/0010 §3.1), pure. One table of which methods, used together
 * in one authentication, reach which level; the level of a set of proofs is the highest row whose
 * methods it holds. Adding a proof never lowers the level, and the order of the proofs does not
 * matter (assurance.property.test.ts).
 *
 *   password                      → low
 *   app (a swipe)                 → substantial  (MitID's rule: "Substantial: MitID app"; one factor
 *                                                 recorded honestly, issue 9 writes the rule down)
 *   app + pin, app + biometrics   → high
 *   codeDisplay + password        → substantial
 *   codeReader + password         → substantial
 *   chip + password               → high
 * A level is never above the maxLevel of the kinds that gave it; `loa = min(ial, aal)`.
 */
import { type Factor, LEVELS, type Level, type Method, type Proof } from './Kind.ts';

export const ASSURANCE_TABLE: readonly { methods: readonly Method[]; level: Level }[] = [
  { methods: ['password'], level: 'low' },
  { methods: ['app'], level: 'substantial' },
  { methods: ['app', 'pin'], level: 'high' },
  { methods: ['app', 'biometrics'], level: 'high' },
  { methods: ['codeDisplay', 'password'], level: 'substantial' },
  { methods: ['codeReader', 'password'], level: 'substantial' },
  { methods: ['chip', 'password'], level: 'high' },
];

const rank = (l: Level): number => LEVELS.indexOf(l);

export const levelAtLeast = (level: Level, wanted: Level): boolean => rank(level) >= rank(wanted);
export const minLevel = (a: Level, b: Level): Level => (rank(a) <= rank(b) ? a : b);
export const maxLevel = (a: Level, b: Level): Level => (rank(a) >= rank(b) ? a : b);

/** The level the proofs reach together, or undefined when they reach none. */
export function assuranceOf(proofs: readonly Pick<Proof, 'methods'>[]): Level | undefined {
  const held = new Set(proofs.flatMap((p) => p.methods));
  let best: Level | undefined;
  for (const row of ASSURANCE_TABLE) {
    if (row.methods.every((m) => held.has(m))) best = best ? maxLevel(best, row.level) : row.level;
  }
  return best;
}

const inOrder = <T extends string>(all: readonly T[], used: Iterable<T>): T[] => {
  const set = new Set(used);
  return all.filter((x) => set.has(x));
};

/** The union of the proofs' factors, in a fixed order. */
export const factorsOf = (proofs: readonly Pick<Proof, 'factors'>[]): Factor[] =>
  inOrder(
    ['possession', 'knowledge', 'inherence'] as const,
    proofs.flatMap((p) => p.factors),
  );

/** The union of the proofs' methods (the `amr`), in a fixed order. */
export const amrOf = (proofs: readonly Pick<Proof, 'methods'>[]): Method[] =>
  inOrder(
    ['app', 'pin', 'biometrics', 'codeDisplay', 'codeReader', 'chip', 'password'] as const,
    proofs.flatMap((p) => p.methods),
  );

/** The level of the whole authentication: what the person's identification allows of the aal. */
export const loaOf = (ial: Level, aal: Level): Level => minLevel(ial, aal);
