/** The in-transaction hook bus (docs/decisions/0010 §3.5). */
export {
  type CoreEvents,
  createHooks,
  type EventName,
  type Hook,
  type Hooks,
  inTransactionIfWanted,
  noHooks,
  type Trx,
  type When,
} from './hooks.ts';
