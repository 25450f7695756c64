/**
 * The public code of each reason a device order is refused (placeOrder.ts, bookSlot.ts,
 * advanceOrder.ts), once: a reason without a code fails the type-check.
 */
import type { ErrorCode } from '../../core/errors/index.ts';
import type { AdvanceRefusal } from './advanceOrder.ts';
import type { PlaceOrderRefusal } from './placeOrder.ts';

export const orderErrorCodes = {
  personNotFound: 'ERR_UNKNOWN_PERSON',
  alreadyOrdered: 'ERR_ALREADY_ORDERED',
  slotRequired: 'ERR_SLOT_REQUIRED',
  slotNotFound: 'ERR_SLOT_NOT_FOUND',
  slotPast: 'ERR_SLOT_PAST',
  slotFull: 'ERR_SLOT_FULL',
  orderNotFound: 'ERR_ORDER_NOT_FOUND',
  notOnPath: 'ERR_ORDER_STEP_NOT_ALLOWED',
  backwards: 'ERR_ORDER_STEP_NOT_ALLOWED',
} as const satisfies Record<PlaceOrderRefusal | AdvanceRefusal, ErrorCode>;
