/**
 * Public entry of core/people (the CPR registry stand-in): the store, the CPR and input checks,
 * and their error. Other modules import only this file.
 */
export { type FieldProblem, InvalidInputError } from './InvalidInputError.ts';
export { fullName, PeopleStore, type Person } from './PeopleStore.ts';
export { randomCpr } from './randomCpr.ts';
export { validateCpr } from './validateCpr.ts';
export { type PersonInput, validatePersonInput } from './validatePersonInput.ts';
