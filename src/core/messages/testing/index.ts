/** What other modules' tests use of core/messages' test helpers. */
export { memoryLogger } from '../testSupport.ts';
