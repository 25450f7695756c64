// Types of the browser's user-ID rules (userIdRules.js), so the agreement test (../userIdRules.agreement.test.ts) can import it.
import type { UserIdProblem } from '../../../core/identity/index.ts';

export declare const USER_ID_MIN_LENGTH: number;
export declare const USER_ID_MAX_LENGTH: number;
export declare function describeCharacters(chars: readonly string[]): string;
export declare function userIdProblems(input: string): UserIdProblem[];
