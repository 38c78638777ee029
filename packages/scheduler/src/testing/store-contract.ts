import { afterEach, beforeEach, describe } from 'vitest';
import type { Store } from '../store/types.js';
import { defineAuditContract } from './store-contract-audit.js';
import { defineClaimContract } from './store-contract-claims.js';
import type { ContractHarness, StoreContractFixture } from './store-contract-harness.js';
import { defineHistoryContract } from './store-contract-history.js';
import { defineImportContract } from './store-contract-imports.js';
import { defineJobContract } from './store-contract-jobs.js';
import { defineRunWriteContract } from './store-contract-run-writes.js';
import { defineStateContract } from './store-contract-state.js';
import { defineStatsContract } from './store-contract-stats.js';
import { defineWatchContract } from './store-contract-watch.js';

/**
 * Registers the store contract suite (vitest) for a {@link Store}
 * implementation: job reconciliation and operator state, atomic slot claims
 * (parallel claims of one key have exactly one winner), lease expiry and
 * takeover, owner checks, keyset pagination without gaps or duplicates while
 * rows are inserted, latest runs, stats math, retention, the append-only audit
 * log and the JSON state.
 *
 * Call it at the top level of a vitest test file. `makeStore` runs before
 * every test and must return an EMPTY store (for example a fresh schema or
 * file); the suite calls `init()`, and after the test `close()` and your
 * `cleanup`.
 *
 * @param name - shown as the `describe` title
 * @param makeStore - creates a fresh store per test, optionally with the clock it reads and a way to open a second handle on the same data
 *
 * @remarks
 * Requires `vitest` (an optional peer dependency of this package). Lease
 * expiry is tested with `leaseMs: 0` on the store's own clock; when the
 * fixture also returns the clock the store reads, exact lease boundaries and
 * store-set times are checked against it.
 *
 * @example
 * ```ts
 * import { createMemoryStore } from '@pokemon/scheduler';
 * import { createFakeClock, describeStoreContract } from '@pokemon/scheduler/testing';
 *
 * describeStoreContract('my store', async () => {
 *   const clock = createFakeClock(Date.parse("2026-01-01T00:00:00Z"));
 *   return { store: createMyStore({ clock }), clock };
 * });
 * ```
 */
export function describeStoreContract(name: string, makeStore: () => Promise<StoreContractFixture>): void {
  describe(`Store contract: ${name}`, () => {
    let fixture: StoreContractFixture | undefined;
    const extra: Store[] = [];
    const harness: ContractHarness = {
      get store() {
        return current().store;
      },
      get fixture() {
        return current();
      },
      async another() {
        const open = current().openAnother;
        if (!open) return undefined;
        const store = await open();
        extra.push(store);
        await store.init();
        return store;
      },
    };
    function current(): StoreContractFixture {
      if (!fixture) throw new Error('describeStoreContract: the store factory did not run (see the beforeEach error)');
      return fixture;
    }

    beforeEach(async () => {
      fixture = await makeStore();
      await fixture.store.init();
    });
    afterEach(async () => {
      const done = fixture;
      fixture = undefined;
      for (const store of extra.splice(0)) await store.close();
      await done?.store.close();
      await done?.cleanup?.();
    });

    describe('jobs', () => defineJobContract(harness));
    describe('claims and leases', () => defineClaimContract(harness));
    describe('run writes and reaping', () => defineRunWriteContract(harness));
    describe('history', () => defineHistoryContract(harness));
    describe('imported runs', () => defineImportContract(harness));
    describe('stats and retention', () => defineStatsContract(harness));
    describe('audit log', () => defineAuditContract(harness));
    describe('state and lifecycle', () => defineStateContract(harness));
    describe('change reports (watch)', () => defineWatchContract(harness));
  });
}
