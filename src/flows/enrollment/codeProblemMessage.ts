/** The message a person sees when a code is refused or cannot be sent (texts in i18n/enrollment.ts). */

import type { CodePolicy, IssueResult, VerifyResult } from '../../core/codes/index.ts';
import type { MessageId, Params } from '../../i18n/catalogue.ts';

export type CodeProblem = Extract<VerifyResult | IssueResult, { ok: false }>;

export function codeProblemMessage(
  problem: CodeProblem,
  policy: CodePolicy,
): { id: MessageId; params: Params } {
  switch (problem.reason) {
    case 'malformed':
      return { id: 'enrollment.code.malformed', params: { digits: policy.digits } };
    case 'wrong':
      return { id: 'enrollment.code.wrong', params: { attemptsLeft: problem.attemptsLeft } };
    case 'blocked':
    case 'expired':
    case 'used':
    case 'notFound':
    case 'sendLimit':
      return { id: `enrollment.code.${problem.reason}`, params: {} };
  }
}
