/**
 * Input that breaks a rule, named by field and a stable reason code. Pages and the CLI turn the
 * codes into text; nothing has been written when this is thrown.
 */
export interface FieldProblem {
  field: string;
  reason: string;
}

export class InvalidInputError extends Error {
  override name = 'InvalidInputError';
  readonly problems: readonly FieldProblem[];
  constructor(problems: readonly FieldProblem[]) {
    super(`Invalid input: ${problems.map((p) => `${p.field} (${p.reason})`).join(', ')}`);
    this.problems = problems;
  }
}
