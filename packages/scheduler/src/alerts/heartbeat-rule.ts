import type { RunRecord } from '../store/types.js';
import { runFacts } from './emit.js';
import { formatDurationMs } from './format.js';
import { closeIncident, recoverySeverity } from './incidents.js';
import { type MonitorContext, raise, sendRecovery } from './monitor-context.js';
import type { Alert } from './types.js';

/**
 * Stale heartbeats: a running run (on any instance) that has reported no new
 * progress (`ctx.heartbeat(progress)`) since it started, or since its last
 * progress change, for longer than `heartbeatStaleMs` raises a
 * `heartbeat:<runId>` incident; it closes when the run reports progress again
 * (a recovery notice) or ends (its outcome alerts on its own).
 *
 * @remarks
 * The store's `heartbeatAt` is renewed by the lease keeper while the owning
 * instance lives, so it cannot tell a stuck job from a busy one; the
 * progress value can. Progress changes are noticed at each scan (every
 * minute), across instances, since `progress` is kept in the store.
 * @internal
 */
export class HeartbeatWatch {
  /** Per running run: the progress last seen (JSON) and when it was first seen. */
  readonly #seen = new Map<string, { progress: string; sinceMs: number }>();

  /** Scans the running runs of every instance. */
  async check(ctx: MonitorContext, nowMs: number): Promise<void> {
    const running = await ctx.store.listRunning();
    const signOfLife = new Map<string, number>();
    for (const run of running) signOfLife.set(run.id, this.#observe(run, nowMs));
    for (const id of this.#seen.keys()) if (!signOfLife.has(id)) this.#seen.delete(id);
    await scan(ctx, running, signOfLife, nowMs);
  }

  #observe(run: RunRecord, nowMs: number): number {
    // Silence counts from the slot at the earliest: a run claimed a few ms ahead of its slot is not yet running.
    const startedMs = Math.max((run.startedAt ?? run.createdAt).getTime(), run.scheduledFor.getTime());
    const progress = JSON.stringify(run.progress ?? null);
    const seen = this.#seen.get(run.id);
    if (!seen) {
      // First sight (or after a restart): progress already reported counts as fresh now.
      const sinceMs = run.progress === undefined ? startedMs : nowMs;
      this.#seen.set(run.id, { progress, sinceMs });
      return sinceMs;
    }
    if (seen.progress !== progress) this.#seen.set(run.id, { progress, sinceMs: nowMs });
    return Math.max(startedMs, this.#seen.get(run.id)?.sinceMs ?? startedMs);
  }
}

async function scan(
  ctx: MonitorContext,
  running: RunRecord[],
  signOfLife: ReadonlyMap<string, number>,
  nowMs: number,
): Promise<void> {
  const lastSignOfLifeMs = (run: RunRecord): number => signOfLife.get(run.id) ?? nowMs;
  const byId = new Map(running.map((run) => [run.id, run]));
  const jobs = new Set(running.map((run) => run.job));
  for (const [job, seen] of ctx.states.loaded()) {
    if (Object.keys(seen.incidents).some((name) => name.startsWith('heartbeat:'))) jobs.add(job);
  }
  for (const job of jobs) {
    const options = ctx.options(job);
    if (!options.enabled) continue;
    const state = await ctx.states.get(job);
    let changed = false;
    for (const run of running) {
      if (run.job !== job || options.heartbeatStaleMs === undefined) continue;
      const silentMs = nowMs - lastSignOfLifeMs(run);
      if (silentMs <= options.heartbeatStaleMs) continue;
      raise(ctx, job, state, `heartbeat:${run.id}`, staleBeat(run, silentMs, options.heartbeatStaleMs), nowMs);
      changed = true;
    }
    for (const name of Object.keys(state.incidents)) {
      if (!name.startsWith('heartbeat:')) continue;
      const run = byId.get(name.slice('heartbeat:'.length));
      const fresh =
        run && options.heartbeatStaleMs !== undefined && nowMs - lastSignOfLifeMs(run) <= options.heartbeatStaleMs;
      if (run && !fresh) continue;
      const incident = closeIncident(state, name as `heartbeat:${string}`);
      changed = true;
      if (run && incident?.notified && options.onRecovery) {
        sendRecovery(ctx, job, state, beatRecovered(run, recoverySeverity([incident]), nowMs), nowMs);
      }
    }
    if (changed) await ctx.states.save(job, state);
  }
}

function staleBeat(run: RunRecord, silentMs: number, limitMs: number) {
  const facts = runFacts(run);
  return {
    kind: 'heartbeat-stale' as const,
    severity: 'warning' as const,
    runId: run.id,
    count: 0,
    content: {
      ...facts,
      title: `${run.job}: running run silent for ${formatDurationMs(silentMs)}`,
      text: `No heartbeat within ${formatDurationMs(limitMs)}. The job may be stuck; its lease keeps it from being taken over while its instance is alive.`,
      fields: { ...facts.fields, instance: run.instanceId ?? 'unknown' },
    },
  };
}

function beatRecovered(run: RunRecord, severity: Alert['severity'], nowMs: number): Alert {
  const facts = runFacts(run);
  return {
    ...facts,
    key: `${run.job}:heartbeat:${run.id}:recovered`,
    kind: 'recovered',
    severity,
    resolved: true,
    title: `${run.job}: running run is heartbeating again`,
    createdAtMs: nowMs,
  };
}
