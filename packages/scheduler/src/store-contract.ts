/**
 * `@pokemon/scheduler/store-contract`: the conformance suite every
 * `Store` implementation runs. It registers
 * vitest tests, so it needs `vitest` (an optional peer dependency).
 *
 * @packageDocumentation
 */

export { describeStoreContract } from './testing/store-contract.js';
export type { StoreContractClock, StoreContractFixture } from './testing/store-contract-harness.js';
