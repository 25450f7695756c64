/**
 * The public code of each reason the enrollment flow refuses a step (flowStates.ts' Refusal and
 * EnrollmentStore's apply), once: a reason without a code fails the type-check. The wizard
 * answers most of them by showing the flow's current step; this is what it shows otherwise.
 */
import type { ErrorCode } from '../../core/errors/index.ts';
import type { ApplyResult } from './EnrollmentStore.ts';

export type EnrollmentRefusal = Extract<ApplyResult, { ok: false }>['reason'];

export const enrollmentErrorCodes = {
  finished: 'ERR_FLOW_FINISHED',
  wrongStep: 'ERR_WRONG_STEP',
  incomplete: 'ERR_STEP_INCOMPLETE',
  noWayBack: 'ERR_WRONG_STEP',
  stale: 'ERR_FLOW_CHANGED',
  notFound: 'ERR_FLOW_NOT_FOUND',
} as const satisfies Record<EnrollmentRefusal, ErrorCode>;
