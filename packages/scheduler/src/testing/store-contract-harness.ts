import { randomUUID } from 'node:crypto';
import type { ClaimRequest, RunRecord, Store } from '../store/types.js';

/**
 * A clock the contract suite can move: the one the store under test reads
 * (for example the fake clock from `@pokemon/scheduler/testing`, passed as the
 * store's `clock` option).
 */
export interface StoreContractClock {
  /** Current time, ms since the epoch. */
  now(): number;
  /** Moves time forward by `ms` (may return a promise, which is awaited). */
  advance(ms: number): unknown;
}

/** What the factory given to `describeStoreContract` returns for each test. */
export interface StoreContractFixture {
  /** A fresh, empty store (the suite calls `init()` itself). */
  store: Store;
  /**
   * The clock the store reads its time from, when the factory injected one.
   * With it the suite also checks exact lease boundaries; without it the store
   * keeps its own (database) clock and leases are expired with `leaseMs: 0`.
   */
  clock?: StoreContractClock;
  /**
   * Opens a second store on the same data (as another process would: its own
   * connection), to check claims across instances. The suite closes it.
   */
  openAnother?: () => Promise<Store>;
  /** Called after each test, after the store is closed (drop the schema, delete the file...). */
  cleanup?: () => Promise<void>;
}

/** The live fixture of the current test, shared by the suite's parts. */
export interface ContractHarness {
  /** The store of the current test. */
  readonly store: Store;
  /** The current fixture. */
  readonly fixture: StoreContractFixture;
  /** Opens a second handle on the same data (tracked and closed after the test), if the factory can. */
  another(): Promise<Store | undefined>;
}

/** A fixed reference instant for slots in the suite. */
export const T0 = Date.parse('2026-03-01T00:00:00.000Z');
/** One second, ms. */
export const SECOND = 1000;
/** One minute, ms. */
export const MINUTE = 60 * SECOND;
/** A lease long enough never to expire during a test. */
export const LONG_LEASE_MS = 10 * MINUTE;

/** A claim request for `job` at `slotMs`, with a fresh id; override any field. */
export function claimRequest(overrides: Partial<ClaimRequest> & { slotMs?: number } = {}): ClaimRequest {
  const { slotMs = T0, ...rest } = overrides;
  const scheduledFor = rest.scheduledFor ?? new Date(slotMs);
  return {
    id: randomUUID(),
    job: 'job-a',
    scheduledFor,
    claimKey: scheduledFor.toISOString(),
    trigger: 'schedule',
    instanceId: 'instance-a',
    leaseMs: LONG_LEASE_MS,
    ...rest,
  };
}

/** Claims a slot and fails loudly if the claim was refused. */
export async function claimed(store: Store, overrides: Parameters<typeof claimRequest>[0] = {}): Promise<RunRecord> {
  const result = await store.claimRun(claimRequest(overrides));
  if (!result.claimed)
    throw new Error(`expected the claim to succeed, but ${result.holder?.id ?? 'another run'} holds it`);
  return result.run;
}

/** Options of {@link finishedRun}. */
interface FinishedRunOptions {
  job?: string;
  slotMs: number;
  status: 'succeeded' | 'failed' | 'timed_out' | 'cancelled';
  durationMs: number;
  trigger?: ClaimRequest['trigger'];
  instanceId?: string;
}

/** Claims, records one attempt of `durationMs` starting at the slot, and finishes a run. */
export async function finishedRun(store: Store, options: FinishedRunOptions): Promise<RunRecord> {
  const instanceId = options.instanceId ?? 'instance-a';
  const run = await claimed(store, {
    job: options.job ?? 'job-a',
    slotMs: options.slotMs,
    trigger: options.trigger ?? 'schedule',
    instanceId,
  });
  const startedAt = new Date(options.slotMs);
  const finishedAt = new Date(options.slotMs + options.durationMs);
  const error =
    options.status === 'succeeded' ? undefined : { name: 'Error', message: `${options.status} at ${options.slotMs}` };
  await store.recordAttempt(run.id, instanceId, {
    attempt: 1,
    startedAt,
    finishedAt,
    status: options.status,
    ...(error ? { error } : {}),
  });
  await store.finishRun(run.id, { status: options.status, instanceId, finishedAt, ...(error ? { error } : {}) });
  const stored = await store.getRun(run.id);
  if (!stored) throw new Error(`run ${run.id} vanished`);
  return stored;
}

/** Ids of runs, for order-sensitive comparisons. */
export function ids(runs: readonly RunRecord[]): string[] {
  return runs.map((run) => run.id);
}

/** Sorts runs the way history must be ordered: `scheduledFor` desc, then `id` desc. */
export function newestFirst(runs: readonly RunRecord[]): RunRecord[] {
  return [...runs].sort((a, b) => {
    const bySlot = b.scheduledFor.getTime() - a.scheduledFor.getTime();
    if (bySlot !== 0) return bySlot;
    return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
  });
}
