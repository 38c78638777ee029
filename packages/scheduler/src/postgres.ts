/**
 * `@pokemon/scheduler/postgres`
 *
 * @packageDocumentation
 */
export {};
