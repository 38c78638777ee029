// biome-ignore-all assist/source/organizeImports: the curated public surface is grouped by concern, not sorted
/**
 * `@pokemon/scheduler/testing`: a fake clock and helpers to unit-test jobs and
 * schedules deterministically, with any test runner (`node:test`, vitest,
 * jest...). It loads no test framework.
 *
 * The store contract suite, which needs vitest, is `@pokemon/scheduler/store-contract`.
 *
 * @packageDocumentation
 */

export { createFakeClock, DAY, HOUR, MINUTE, SECOND } from './testing/fake-clock.js';
export type { FakeClock, FakeClockOptions } from './testing/fake-clock.js';
