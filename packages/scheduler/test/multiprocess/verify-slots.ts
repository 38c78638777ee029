import { expect } from 'vitest';
import type { RunRecord, Store } from '../../src/store/types.js';
import type { Cluster } from './cluster.js';

/** Every run of a job in the store, oldest first. */
async function allRuns(store: Store, job: string): Promise<RunRecord[]> {
  const runs: RunRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listRuns({ job, limit: 1000, ...(cursor ? { cursor } : {}) });
    runs.push(...page.runs);
    cursor = page.nextCursor;
  } while (cursor);
  return runs.reverse();
}

/** Groups items by a key. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/**
 * Checks exactly-once: no slot executed twice (except `rerun` slots, whose
 * first owner was killed), no slot with two live runs, and every slot of
 * `[fromMs, toMs]` (seconds) succeeded: none lost.
 */
export async function expectEverySlotOnce(
  store: Store,
  cluster: Cluster,
  window: { fromMs: number; toMs: number },
  rerun: ReadonlySet<string> = new Set(),
): Promise<{ slots: number; runs: RunRecord[] }> {
  const runs = await allRuns(store, 'tick');
  const execs = groupBy(cluster.of('exec'), (e) => e.slot as string);
  const twice = [...execs].filter(([slot, list]) => list.length > (rerun.has(slot) ? 2 : 1));
  expect(twice.map(([slot, list]) => `${slot} by ${list.map((e) => e.instanceId).join(', ')}`)).toEqual([]);
  const bySlot = groupBy(runs, (run) => run.claimKey);
  const doubleLive = [...bySlot].filter(([, list]) => list.filter((run) => run.status !== 'abandoned').length > 1);
  expect(doubleLive.map(([slot]) => slot)).toEqual([]);
  const lost: string[] = [];
  let slots = 0;
  for (let ms = window.fromMs; ms <= window.toMs; ms += 1000) {
    slots++;
    const slot = new Date(ms).toISOString();
    const succeeded = (bySlot.get(slot) ?? []).filter((run) => run.status === 'succeeded');
    if (succeeded.length !== 1 || (execs.get(slot)?.length ?? 0) < 1) lost.push(slot);
  }
  expect(lost).toEqual([]);
  expect(slots).toBeGreaterThanOrEqual(3);
  return { slots, runs };
}

/** The first whole second after `ms`. */
export const nextSecond = (ms: number): number => Math.ceil(ms / 1000) * 1000 + 1000;
