/**
 * Public entry of flows/borgerservice: the clerk page where Borgerservice hands over a kodeviser or
 * kodeoplæser ordered for pickup (decision 0014 §5). Other modules import only this file.
 */
export {
  type DeskPickup,
  type HandOverInput,
  type HandOverResult,
  ID_TYPES,
  type IdType,
  type PickupDesk,
} from './PickupDesk.ts';
export { CLERK_COOKIE, registerBorgerservice } from './registerBorgerservice.ts';
