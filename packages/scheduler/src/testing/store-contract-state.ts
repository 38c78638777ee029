import { expect, it } from 'vitest';
import { StoreError } from '../core/errors.js';
import type { ContractHarness } from './store-contract-harness.js';

/** The small JSON key/value state and the store's lifecycle. */
export function defineStateContract(h: ContractHarness): void {
  it('getState/setState keep JSON values; undefined deletes', async () => {
    expect(await h.store.getState('alerts')).toBeUndefined();
    const value = { lastSentAt: '2026-03-01T00:00:00.000Z', counts: [1, 2, 3], nested: { ok: true, nothing: null } };
    await h.store.setState('alerts', value);
    expect(await h.store.getState('alerts')).toEqual(value);
    await h.store.setState('alerts', 'replaced');
    expect(await h.store.getState<string>('alerts')).toBe('replaced');
    await h.store.setState('zero', 0);
    await h.store.setState('false', false);
    expect(await h.store.getState('zero')).toBe(0);
    expect(await h.store.getState('false')).toBe(false);
    await h.store.setState('alerts', undefined);
    expect(await h.store.getState('alerts')).toBeUndefined();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(h.store.setState('bad', cyclic)).rejects.toBeInstanceOf(StoreError);
    expect(await h.store.getState('bad')).toBeUndefined();
    const other = (await h.another()) ?? h.store;
    expect(await other.getState('zero')).toBe(0);
  });

  it('close() is idempotent and the store is async-disposable', async () => {
    expect(typeof h.store[Symbol.asyncDispose]).toBe('function');
    await h.store.close();
    await h.store.close();
    await h.store[Symbol.asyncDispose]();
  });
}
