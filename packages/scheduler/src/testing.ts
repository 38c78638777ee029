// biome-ignore-all assist/source/organizeImports: the curated public surface is grouped by concern, not sorted
/**
 * `@pokemon/scheduler/testing`: a fake clock and helpers to unit-test jobs and
 * schedules deterministically, and the store contract suite.
 *
 * @packageDocumentation
 */

// --- fake clock (owner: engine workstream)
export { createFakeClock, DAY, HOUR, MINUTE, SECOND } from './testing/fake-clock.js';
export type { FakeClock, FakeClockOptions } from './testing/fake-clock.js';

// --- store contract suite (owner: stores workstream)
export { describeStoreContract } from './testing/store-contract.js';
export type { StoreContractClock, StoreContractFixture } from './testing/store-contract-harness.js';
