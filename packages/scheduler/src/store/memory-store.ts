import { adoptClock, type Clock, type ClockFollower, systemClock } from '../core/clock.js';
import { StoreError } from '../core/errors.js';
import { ChangeFeed } from './change-feed.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { planJobs } from './job-plan.js';
import { assembleJobStats } from './job-stats.js';
import { jsonClone } from './json.js';
import { asList, pageLimit } from './page-limit.js';
import { percentile } from './percentile.js';
import { cloneRun, compareRunsNewestFirst, LEASE_EXPIRED_REASON } from './run-record.js';
import type {
  ClaimRequest,
  ClaimResult,
  FinishRequest,
  JobPlan,
  JobSpec,
  JobState,
  JobStatePatch,
  JobStats,
  ListJobsOptions,
  PruneOptions,
  ReapResult,
  RunAttempt,
  RunPage,
  RunQuery,
  RunRecord,
  RunStatus,
  Store,
  StoreChangeListener,
  StoreWatch,
} from './types.js';

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /**
   * Where the store reads time for `createdAt`, leases and heartbeats.
   * @default the clock of the scheduler the store is given to (`createScheduler({ clock })`), else `systemClock`
   */
  clock?: Clock;
}

/**
 * A {@link Store} kept in this process's memory: nothing survives a restart and
 * nothing is shared with other processes. Right for tests, demos and a single
 * instance that needs no history; every operation is atomic (the event loop
 * runs one at a time), so it honours the whole store contract.
 *
 * @remarks
 * Values (`result`, `progress`, state) are stored as JSON, exactly as the SQL
 * stores keep them. After `close()` every operation rejects with a {@link StoreError}.
 *
 * @example
 * ```ts
 * const scheduler = createScheduler({ jobs, store: createMemoryStore() });
 * ```
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): Store {
  return new MemoryStore(options.clock);
}

class MemoryStore implements Store, ClockFollower {
  #clock: Clock;
  /** Whether the clock is the creator's choice (or a scheduler's, already adopted): it is not replaced. */
  #clockSettled: boolean;
  readonly #runs = new Map<string, RunRecord>();
  /** `job` → `claimKey` → id of the run holding it (non-abandoned). */
  readonly #claims = new Map<string, Map<string, string>>();
  readonly #jobs = new Map<string, JobState>();
  /** Job names in `listJobs()` order; dropped when a job is added or deleted (the scheduler polls `listJobs`). */
  #sortedNames: string[] | undefined;
  readonly #state = new Map<string, unknown>();
  /** The latest `updatedAt` of any job row (ms): a poll for changes since a later instant answers at once. */
  #jobsUpdatedMs = Number.NEGATIVE_INFINITY;
  /** The runs with status `running` (reaping and `listRunning` look at these, not the whole history). */
  readonly #running = new Map<string, RunRecord>();
  /** Watchers ({@link Store.watch}): every job row write and every claim and final status is reported. */
  readonly #feed = new ChangeFeed();
  #closed = false;

  constructor(clock: Clock | undefined) {
    this.#clock = clock ?? systemClock;
    this.#clockSettled = clock !== undefined;
  }

  [adoptClock](clock: Clock): void {
    if (this.#clockSettled) return;
    this.#clock = clock;
    this.#clockSettled = true;
  }

  async init(): Promise<void> {
    this.#open('init');
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#feed.clear();
  }

  /** Reports every change (complete: nothing is polled). */
  async watch(listener: StoreChangeListener, signal: AbortSignal): Promise<StoreWatch> {
    this.#open('watch');
    this.#feed.add(listener, signal);
    return { complete: true };
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  async now(): Promise<Date> {
    this.#open('now');
    return this.#now();
  }

  async reconcileJobs(
    specs: readonly JobSpec[],
    options: { dryRun?: boolean; removeMissing?: boolean } = {},
  ): Promise<JobPlan> {
    this.#open('reconcileJobs');
    const work = planJobs([...this.#jobs.values()], specs, options.removeMissing ?? false);
    if (options.dryRun) return work.plan;
    const now = this.#now();
    for (const spec of work.inserts) {
      this.#jobs.set(spec.name, {
        ...specFields(spec),
        paused: false,
        circuit: { state: 'closed', consecutiveFailures: 0 },
        createdAt: now,
        updatedAt: now,
      });
    }
    for (const spec of work.updates) {
      const stored = this.#jobs.get(spec.name);
      if (!stored) continue;
      const { description: _dropped, ...rest } = stored;
      this.#jobs.set(spec.name, { ...rest, ...specFields(spec), updatedAt: now });
    }
    for (const name of work.deletes) this.#jobs.delete(name);
    for (const spec of [...work.inserts, ...work.updates]) this.#jobChanged(spec.name);
    for (const name of work.deletes) this.#jobChanged(name);
    if (work.inserts.length > 0 || work.deletes.length > 0) this.#sortedNames = undefined;
    if (work.inserts.length > 0 || work.updates.length > 0)
      this.#jobsUpdatedMs = Math.max(this.#jobsUpdatedMs, now.getTime());
    return work.plan;
  }

  async listJobs(options: ListJobsOptions = {}): Promise<JobState[]> {
    this.#open('listJobs');
    this.#sortedNames ??= [...this.#jobs.keys()].sort((a, b) => (a < b ? -1 : 1));
    const sinceMs = options.updatedSince?.getTime() ?? Number.NEGATIVE_INFINITY;
    const out: JobState[] = [];
    if (sinceMs > this.#jobsUpdatedMs) return out;
    for (const name of this.#sortedNames) {
      const job = this.#jobs.get(name);
      if (job && job.updatedAt.getTime() >= sinceMs) out.push(cloneJob(job));
    }
    return out;
  }

  async getJob(name: string): Promise<JobState | undefined> {
    this.#open('getJob');
    const job = this.#jobs.get(name);
    return job && cloneJob(job);
  }

  async updateJob(name: string, patch: JobStatePatch): Promise<JobState | undefined> {
    this.#open('updateJob');
    const job = this.#jobs.get(name);
    if (!job) return undefined;
    const next: JobState = { ...job, updatedAt: this.#now() };
    this.#jobsUpdatedMs = Math.max(this.#jobsUpdatedMs, next.updatedAt.getTime());
    if (patch.paused !== undefined) next.paused = patch.paused;
    if (patch.pauseNote === null) delete next.pauseNote;
    else if (patch.pauseNote !== undefined) next.pauseNote = patch.pauseNote;
    if (patch.scheduleOverride === null) delete next.scheduleOverride;
    else if (patch.scheduleOverride !== undefined) next.scheduleOverride = patch.scheduleOverride;
    if (patch.circuit !== undefined) next.circuit = jsonCircuit(patch.circuit);
    this.#jobs.set(name, next);
    this.#jobChanged(name);
    return cloneJob(next);
  }

  async claimRun(request: ClaimRequest): Promise<ClaimResult> {
    this.#open('claimRun');
    if (this.#runs.has(request.id)) {
      throw new StoreError(
        'claimRun',
        `A run with id "${request.id}" already exists. Generate ids with crypto.randomUUID().`,
      );
    }
    const now = this.#now();
    const keys = this.#claims.get(request.job) ?? new Map<string, string>();
    this.#claims.set(request.job, keys);
    const holderId = keys.get(request.claimKey);
    const holder = holderId === undefined ? undefined : this.#runs.get(holderId);
    let abandoned: RunRecord | undefined;
    if (holder) {
      if (!isExpired(holder, now)) return { claimed: false, existing: cloneRun(holder) };
      abandoned = this.#abandon(holder, now);
    }
    const run = newRun(request, now);
    this.#runs.set(run.id, run);
    if (run.status === 'running') this.#running.set(run.id, run);
    keys.set(run.claimKey, run.id);
    if (abandoned) this.#runChanged(abandoned);
    this.#runChanged(run);
    return abandoned ? { claimed: true, run: cloneRun(run), abandoned } : { claimed: true, run: cloneRun(run) };
  }

  async recordAttempt(runId: string, instanceId: string, attempt: RunAttempt): Promise<boolean> {
    this.#open('recordAttempt');
    const run = this.#owned(runId, instanceId);
    if (!run) return false;
    run.attempts.push(jsonAttempt(attempt));
    run.startedAt ??= new Date(attempt.startedAt);
    return true;
  }

  async heartbeat(runId: string, instanceId: string, leaseMs: number, progress?: unknown): Promise<boolean> {
    this.#open('heartbeat');
    const run = this.#owned(runId, instanceId);
    if (!run) return false;
    const stored = jsonClone(progress, `Progress of run ${runId}`);
    const now = this.#now();
    run.heartbeatAt = now;
    run.leaseExpiresAt = new Date(now.getTime() + leaseMs);
    if (stored !== undefined) run.progress = stored;
    return true;
  }

  async finishRun(runId: string, request: FinishRequest): Promise<boolean> {
    this.#open('finishRun');
    const run = this.#owned(runId, request.instanceId);
    if (!run) return false;
    const result = jsonClone(request.result, `The result of run ${runId}`);
    const error = jsonClone(request.error, `The error of run ${runId}`);
    run.status = request.status;
    this.#running.delete(run.id);
    run.finishedAt = new Date(request.finishedAt);
    if (run.startedAt) run.durationMs = run.finishedAt.getTime() - run.startedAt.getTime();
    if (result !== undefined) run.result = result;
    if (error !== undefined) run.error = error;
    if (request.reason !== undefined) run.reason = request.reason;
    this.#runChanged(run);
    return true;
  }

  async reapExpiredRuns(): Promise<ReapResult> {
    this.#open('reapExpiredRuns');
    const now = this.#now();
    const abandoned: RunRecord[] = [];
    let nextMs = Number.POSITIVE_INFINITY;
    for (const run of [...this.#running.values()]) {
      if (isExpired(run, now)) {
        const record = this.#abandon(run, now);
        abandoned.push(record);
        this.#runChanged(record);
      } else if (run.leaseExpiresAt) nextMs = Math.min(nextMs, run.leaseExpiresAt.getTime());
    }
    return { abandoned, nextLeaseExpiresAt: Number.isFinite(nextMs) ? new Date(nextMs) : undefined };
  }

  async getRun(id: string): Promise<RunRecord | undefined> {
    this.#open('getRun');
    const run = this.#runs.get(id);
    return run && cloneRun(run);
  }

  async listRuns(query: RunQuery = {}): Promise<RunPage> {
    this.#open('listRuns');
    const limit = pageLimit(query.limit);
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const statuses = asList(query.status);
    const triggers = asList(query.trigger);
    const matches = [...this.#runs.values()].filter(
      (run) =>
        (query.job === undefined || run.job === query.job) &&
        (statuses === undefined || statuses.includes(run.status)) &&
        (triggers === undefined || triggers.includes(run.trigger)) &&
        (query.from === undefined || run.scheduledFor.getTime() >= query.from.getTime()) &&
        (query.to === undefined || run.scheduledFor.getTime() < query.to.getTime()) &&
        (after === undefined || isOlder(run, after.scheduledForMs, after.id)),
    );
    matches.sort(compareRunsNewestFirst);
    const runs = matches.slice(0, limit).map(cloneRun);
    const last = runs[runs.length - 1];
    if (matches.length <= limit || !last) return { runs };
    return { runs, nextCursor: encodeCursor({ scheduledForMs: last.scheduledFor.getTime(), id: last.id }) };
  }

  async listRunning(job?: string): Promise<RunRecord[]> {
    this.#open('listRunning');
    return [...this.#running.values()]
      .filter((run) => job === undefined || run.job === job)
      .sort((a, b) => compareRunsNewestFirst(b, a))
      .map(cloneRun);
  }

  async latestRuns(
    options: { statuses?: readonly RunStatus[]; jobs?: readonly string[] } = {},
  ): Promise<Map<string, RunRecord>> {
    this.#open('latestRuns');
    const latest = new Map<string, RunRecord>();
    for (const run of this.#runs.values()) {
      if (options.statuses && !options.statuses.includes(run.status)) continue;
      if (options.jobs && !options.jobs.includes(run.job)) continue;
      const current = latest.get(run.job);
      if (!current || compareRunsNewestFirst(run, current) < 0) latest.set(run.job, run);
    }
    return new Map([...latest].map(([job, run]) => [job, cloneRun(run)]));
  }

  async lastSlot(job: string): Promise<Date | undefined> {
    this.#open('lastSlot');
    let last: number | undefined;
    for (const run of this.#runs.values()) {
      if (run.job !== job || (run.trigger !== 'schedule' && run.trigger !== 'catch-up')) continue;
      const slot = run.scheduledFor.getTime();
      if (last === undefined || slot > last) last = slot;
    }
    return last === undefined ? undefined : new Date(last);
  }

  async jobStats(job: string, window: { from: Date; to: Date }): Promise<JobStats> {
    this.#open('jobStats');
    const all = [...this.#runs.values()].filter((run) => run.job === job);
    const inWindow = all.filter(
      (run) => run.scheduledFor.getTime() >= window.from.getTime() && run.scheduledFor.getTime() < window.to.getTime(),
    );
    const byStatus: Partial<Record<RunStatus, number>> = {};
    for (const run of inWindow) byStatus[run.status] = (byStatus[run.status] ?? 0) + 1;
    const durations = inWindow
      .filter((run) => run.status !== 'running' && run.durationMs !== undefined)
      .map((run) => run.durationMs as number)
      .sort((a, b) => a - b);
    const successes = all.filter((run) => run.status === 'succeeded');
    const lastSuccessSlot = Math.max(-Infinity, ...successes.map((run) => run.scheduledFor.getTime()));
    const lastSuccessAt = Math.max(-Infinity, ...successes.map((run) => run.finishedAt?.getTime() ?? -Infinity));
    return assembleJobStats({
      job,
      byStatus,
      durationMs: { p50: percentile(durations, 50), p95: percentile(durations, 95), p99: percentile(durations, 99) },
      consecutiveFailures: all.filter(
        (run) =>
          (run.status === 'failed' || run.status === 'timed_out') && run.scheduledFor.getTime() > lastSuccessSlot,
      ).length,
      lastSuccessAt: Number.isFinite(lastSuccessAt) ? new Date(lastSuccessAt) : undefined,
    });
  }

  async pruneRuns(options: PruneOptions): Promise<number> {
    this.#open('pruneRuns');
    const doomed = new Set<RunRecord>();
    const finished = [...this.#runs.values()].filter((run) => run.status !== 'running').sort(compareRunsNewestFirst);
    if (options.olderThan) {
      const limit = options.olderThan.getTime();
      for (const run of finished) if (run.scheduledFor.getTime() < limit) doomed.add(run);
    }
    if (options.keepPerJob !== undefined) {
      const kept = new Map<string, number>();
      for (const run of finished) {
        const count = kept.get(run.job) ?? 0;
        if (count >= options.keepPerJob) doomed.add(run);
        else kept.set(run.job, count + 1);
      }
    }
    for (const run of doomed) {
      this.#runs.delete(run.id);
      const keys = this.#claims.get(run.job);
      if (keys?.get(run.claimKey) === run.id) keys.delete(run.claimKey);
    }
    return doomed.size;
  }

  async getState<T = unknown>(key: string): Promise<T | undefined> {
    this.#open('getState');
    return jsonClone(this.#state.get(key)) as T | undefined;
  }

  async setState(key: string, value: unknown): Promise<void> {
    this.#open('setState');
    if (value === undefined) this.#state.delete(key);
    else this.#state.set(key, jsonClone(value, `State "${key}"`));
  }

  #now(): Date {
    return new Date(this.#clock.now());
  }

  #jobChanged(job: string): void {
    this.#feed.emit({ kind: 'job', job });
  }

  #runChanged(run: RunRecord): void {
    const { job, id: runId, status, leaseExpiresAt } = run;
    this.#feed.emit(
      status === 'running' && leaseExpiresAt
        ? { kind: 'run', job, runId, status, leaseExpiresAt: new Date(leaseExpiresAt) }
        : { kind: 'run', job, runId, status },
    );
  }

  #open(operation: string): void {
    if (this.#closed) {
      throw new StoreError(operation, `The memory store is closed (${operation} after close()). Create a new store.`);
    }
  }

  /** The run, if it is running and owned by `instanceId`. */
  #owned(runId: string, instanceId: string): RunRecord | undefined {
    const run = this.#runs.get(runId);
    return run && run.status === 'running' && run.instanceId === instanceId ? run : undefined;
  }

  /** Marks an expired running run `abandoned`, frees its claim key, returns a copy. */
  #abandon(run: RunRecord, now: Date): RunRecord {
    run.status = 'abandoned';
    this.#running.delete(run.id);
    run.reason = LEASE_EXPIRED_REASON;
    run.finishedAt = now;
    const keys = this.#claims.get(run.job);
    if (keys?.get(run.claimKey) === run.id) keys.delete(run.claimKey);
    return cloneRun(run);
  }
}

function isExpired(run: RunRecord, now: Date): boolean {
  return run.status === 'running' && run.leaseExpiresAt !== undefined && run.leaseExpiresAt.getTime() <= now.getTime();
}

function isOlder(run: RunRecord, scheduledForMs: number, id: string): boolean {
  const slot = run.scheduledFor.getTime();
  return slot < scheduledForMs || (slot === scheduledForMs && run.id < id);
}

function newRun(request: ClaimRequest, now: Date): RunRecord {
  const status = request.status ?? 'running';
  const run: RunRecord = {
    id: request.id,
    job: request.job,
    scheduledFor: new Date(request.scheduledFor),
    claimKey: request.claimKey,
    trigger: request.trigger,
    status,
    attempts: [],
    createdAt: now,
    instanceId: request.instanceId,
  };
  if (request.reason !== undefined) run.reason = request.reason;
  if (status === 'running') {
    run.leaseExpiresAt = new Date(now.getTime() + request.leaseMs);
    run.heartbeatAt = now;
  } else {
    run.finishedAt = now;
  }
  return run;
}

function specFields(spec: JobSpec): JobSpec {
  const fields: JobSpec = {
    name: spec.name,
    schedule: spec.schedule,
    timezone: spec.timezone,
    dependsOn: [...(spec.dependsOn ?? [])],
  };
  if (spec.description !== undefined) fields.description = spec.description;
  return fields;
}

/**
 * A deep copy of a job row, by hand: its fields are strings, booleans, a string
 * array, Dates and the circuit. About 10x cheaper than `structuredClone`, which
 * matters because the scheduler polls `listJobs()` (10,000 rows in the bench).
 */
function cloneJob(job: JobState): JobState {
  const copy: JobState = {
    name: job.name,
    schedule: job.schedule,
    timezone: job.timezone,
    paused: job.paused,
    circuit: jsonCircuit(job.circuit),
    createdAt: new Date(job.createdAt.getTime()),
    updatedAt: new Date(job.updatedAt.getTime()),
  };
  if (job.description !== undefined) copy.description = job.description;
  if (job.dependsOn !== undefined) copy.dependsOn = [...job.dependsOn];
  if (job.scheduleOverride !== undefined) copy.scheduleOverride = job.scheduleOverride;
  if (job.pauseNote !== undefined) copy.pauseNote = job.pauseNote;
  return copy;
}

function jsonAttempt(attempt: RunAttempt): RunAttempt {
  const copy: RunAttempt = {
    attempt: attempt.attempt,
    startedAt: new Date(attempt.startedAt),
    finishedAt: new Date(attempt.finishedAt),
    status: attempt.status,
  };
  if (attempt.error !== undefined) copy.error = jsonClone(attempt.error);
  return copy;
}

function jsonCircuit(circuit: JobState['circuit']): JobState['circuit'] {
  const copy: JobState['circuit'] = { state: circuit.state, consecutiveFailures: circuit.consecutiveFailures };
  if (circuit.openedAt !== undefined) copy.openedAt = new Date(circuit.openedAt);
  return copy;
}
