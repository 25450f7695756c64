// Types of the browser's password rules (passwordRules.js), so the agreement test can import it.
export declare const PASSWORD_MIN_LENGTH: number;
export declare const PASSWORD_MAX_LENGTH: number;
export declare function passwordProblems(password: string, userId: string): string[];
