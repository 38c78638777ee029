import { expect } from 'vitest';
import type { Store } from '../../src/store/types.js';
import { Cluster } from './cluster.js';
import type { InstanceConfig } from './fixtures/instance.js';
import { expectEverySlotOnce, nextSecond } from './verify-slots.js';

const READY_TIMEOUT_MS = 45_000;
/** Real seconds of slots each scenario watches once every instance is up. */
const WATCH_SLOTS = 5;

type StoreConfig = InstanceConfig['store'];

async function startCluster(
  store: StoreConfig,
  configs: Partial<InstanceConfig>[],
): Promise<{ cluster: Cluster; readyMs: number }> {
  const cluster = new Cluster();
  for (const [i, config] of configs.entries()) {
    cluster.spawn({ instanceId: `instance-${i}`, store, skewMs: 0, leaseMs: 2000, bodyMs: 100, ...config });
  }
  await cluster.waitFor('every instance ready', () => cluster.of('ready').length === configs.length, READY_TIMEOUT_MS);
  return { cluster, readyMs: Math.max(...cluster.of('ready').map((e) => e.atMs)) };
}

async function watchUntil(cluster: Cluster, lastSlotMs: number): Promise<void> {
  await cluster.waitFor(
    `slot ${new Date(lastSlotMs).toISOString()} done`,
    () => cluster.of('done').some((e) => Date.parse(e.slot as string) >= lastSlotMs),
    WATCH_SLOTS * 1000 + 15_000,
  );
}

/** N instances run a job every second: every slot exactly once, none lost. */
export async function everySlotOnce(
  store: StoreConfig,
  openStore: () => Promise<Store>,
  instances: number,
): Promise<void> {
  const { cluster, readyMs } = await startCluster(
    store,
    Array.from({ length: instances }, () => ({})),
  );
  try {
    const fromMs = nextSecond(readyMs);
    const toMs = fromMs + (WATCH_SLOTS - 1) * 1000;
    await watchUntil(cluster, toMs);
    await cluster.stopAll();
    const reader = await openStore();
    const { runs } = await expectEverySlotOnce(reader, cluster, { fromMs, toMs });
    // Every instance was up and contending for these slots (startCluster waited for all of them);
    // which one wins each race is not part of the guarantee: one may win them all.
    expect(runs.every((run) => cluster.instances.some((instance) => instance.id === run.instanceId))).toBe(true);
    await reader.close();
  } finally {
    await cluster.stopAll();
  }
}

/** One instance is SIGKILLed mid-run: its run is abandoned and the slot completed by another within the lease. */
export async function killedMidRun(
  store: StoreConfig,
  openStore: () => Promise<Store>,
  instances: number,
): Promise<void> {
  const leaseMs = 2000;
  const { cluster, readyMs } = await startCluster(
    store,
    Array.from({ length: instances }, () => ({ leaseMs, bodyMs: 600 })),
  );
  try {
    const fromMs = nextSecond(readyMs);
    await cluster.waitFor(
      'a run to start',
      () => cluster.of('exec').some((e) => Date.parse(e.slot as string) >= fromMs),
      15_000,
    );
    const victimExec = cluster.of('exec').find((e) => Date.parse(e.slot as string) >= fromMs);
    const victim = cluster.instances.find((i) => i.id === victimExec?.instanceId);
    if (!victimExec || !victim) throw new Error('no victim');
    victim.child.kill('SIGKILL');
    const killedAtMs = Date.now();
    const slot = victimExec.slot as string;
    await cluster.waitFor(
      `slot ${slot} re-run by another instance`,
      () => cluster.of('done').some((e) => e.slot === slot && e.instanceId !== victim.id),
      leaseMs + 15_000,
    );
    const rerun = cluster.of('exec').find((e) => e.slot === slot && e.instanceId !== victim.id);
    const toMs = Math.max(fromMs + 3000, Date.parse(slot) + 2000);
    await watchUntil(cluster, toMs);
    await cluster.stopAll();

    const reader = await openStore();
    const { runs } = await expectEverySlotOnce(reader, cluster, { fromMs, toMs }, new Set([slot]));
    const ofSlot = runs
      .filter((run) => run.claimKey === slot)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    expect(ofSlot.map((run) => [run.status, run.instanceId === victim.id])).toEqual([
      ['abandoned', true],
      ['succeeded', false],
    ]);
    expect(ofSlot[0]?.reason).toBe('lease-expired');
    // taken over once the lease expired, by the next reaper pass (about a second), not later
    expect((rerun?.atMs ?? Number.POSITIVE_INFINITY) - killedAtMs).toBeLessThanOrEqual(leaseMs + 3000);
    await reader.close();
  } finally {
    await cluster.stopAll();
  }
}

/** One instance's clock runs 30 s ahead: still no slot twice, none lost, none run early. */
export async function skewedClock(
  store: StoreConfig,
  openStore: () => Promise<Store>,
  instances: number,
): Promise<void> {
  const configs = Array.from({ length: instances }, (_, i) => (i === 0 ? { skewMs: 30_000 } : {}));
  const { cluster, readyMs } = await startCluster(store, configs);
  try {
    const fromMs = nextSecond(readyMs);
    const toMs = fromMs + (WATCH_SLOTS - 1) * 1000;
    await watchUntil(cluster, toMs);
    await cluster.stopAll();
    const reader = await openStore();
    await expectEverySlotOnce(reader, cluster, { fromMs, toMs });
    // the skewed instance noticed (and warned about) its offset from the store's clock
    expect(cluster.of('skew', 'instance-0').length).toBeGreaterThan(0);
    const early = cluster.of('exec').filter((e) => e.atMs < Date.parse(e.slot as string) - 1000);
    expect(early.map((e) => `${e.slot} by ${e.instanceId} at ${new Date(e.atMs).toISOString()}`)).toEqual([]);
    await reader.close();
  } finally {
    await cluster.stopAll();
  }
}
