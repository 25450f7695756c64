/** Min Bank's transfers approved with MitID: the routes, and the sweep's expiry. */
export { registerTransfers } from './registerTransfers.ts';
export { TransferStore } from './TransferStore.ts';
export { TRANSFER_CALLBACK_PATH } from './transferApproval.ts';
