import { createMemoryStore } from '../../src/store/memory-store.js';
import { createFakeClock } from '../../src/testing/fake-clock.js';
import { describeStoreContract } from '../../src/testing/store-contract.js';

describeStoreContract('memory (fake clock)', async () => {
  const clock = createFakeClock(Date.parse('2026-03-01T12:00:00.000Z'));
  return { store: createMemoryStore({ clock }), clock };
});

describeStoreContract('memory (system clock)', async () => ({ store: createMemoryStore() }));
