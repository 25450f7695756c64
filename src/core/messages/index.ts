/**
 * Public entry of core/messages: the notifier and its transactional outbox (enqueueing in the
 * caller's transaction, the delivery signal and worker lease), recipients, the outbox pages, and
 * the store the seed and tests read. Other modules import only this file.
 */
export { LEASE_MS } from './createDeliveryWorker.ts';
export { createNotifier, type Notifier } from './createNotifier.ts';
export { deliverySettled, wakeDelivery } from './deliverySignal.ts';
export { enqueueMessage } from './enqueueMessage.ts';
export { MessageError } from './MessageError.ts';
export { MessageStore } from './MessageStore.ts';
export { messageRefusal } from './messageErrorCodes.ts';
export { parseRecipient } from './parseRecipient.ts';
export { registerMessages } from './registerMessages.ts';
export { validateMessage } from './validateMessage.ts';
