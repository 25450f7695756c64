/**
 * The public code of each reason a device order is refused (placeOrder.ts, bookSlot.ts,
 * advanceOrder.ts), once: a reason without a code fails the type-check.
 */
import type { ErrorCode } from '../../core/errors/index.ts';
import type { AdvanceRefusal } from './advanceOrder.ts';
import type { HandOverRefusal } from './handOver.ts';
import type { PlaceOrderRefusal } from './placeOrder.ts';

export const orderErrorCodes = {
  personNotFound: 'ERR_UNKNOWN_PERSON',
  alreadyOrdered: 'ERR_ALREADY_ORDERED',
  chipByPostOnly: 'ERR_CHIP_BY_POST_ONLY',
  slotRequired: 'ERR_SLOT_REQUIRED',
  slotNotFound: 'ERR_SLOT_NOT_FOUND',
  slotPast: 'ERR_SLOT_PAST',
  slotFull: 'ERR_SLOT_FULL',
  orderNotFound: 'ERR_ORDER_NOT_FOUND',
  notOnPath: 'ERR_ORDER_STEP_NOT_ALLOWED',
  backwards: 'ERR_ORDER_STEP_NOT_ALLOWED',
  outOfStock: 'ERR_OUT_OF_STOCK',
  notReady: 'ERR_ORDER_NOT_READY',
  serialMismatch: 'ERR_SERIAL_MISMATCH',
  alreadyCollected: 'ERR_ALREADY_COLLECTED',
  idInvalid: 'ERR_PHOTO_ID_INVALID',
} as const satisfies Record<PlaceOrderRefusal | AdvanceRefusal | HandOverRefusal, ErrorCode>;
