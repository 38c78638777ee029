/**
 * `@pokemon/scheduler/slack`
 *
 * @packageDocumentation
 */
export {};
