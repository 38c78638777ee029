/**
 * `@pokemon/scheduler/sqlite`
 *
 * @packageDocumentation
 */
export {};
