import type { RunRecord } from '../store/types.js';
import type { IncidentName, IncidentState, JobAlertState } from './alert-state.js';
import { runFacts } from './emit.js';
import { evaluateFailure, FAILURE_STATUSES, failureRate } from './failure-rules.js';
import { formatDurationMs } from './format.js';
import { closeIncident, recoverySeverity } from './incidents.js';
import { type MonitorContext, raise, sendRecovery } from './monitor-context.js';
import type { Alert } from './types.js';

/** Skip reasons that have their own alert (circuit) or are an operator's choice (paused). @internal */
export const QUIET_SKIP_REASONS: ReadonlySet<string> = new Set(['circuit-open', 'paused']);

/** Incidents a success ends (heartbeat incidents are handled by run id). */
const ENDED_BY_SUCCESS: readonly IncidentName[] = ['failing', 'stale', 'missed', 'skipped', 'circuit'];

/**
 * Applies the run rules to a finished (or skipped) run: failure rules,
 * skipped-in-a-row, slow run, and recovery on success. Mutates `state`.
 * @internal
 */
export async function applyRunRules(
  ctx: MonitorContext,
  state: JobAlertState,
  run: RunRecord,
  nowMs: number,
): Promise<void> {
  if (run.status === 'succeeded') await onSuccess(ctx, state, run, nowMs);
  else if (FAILURE_STATUSES.has(run.status)) await onFailure(ctx, state, run, nowMs);
  else if (run.status === 'skipped') await onSkipped(ctx, state, run, nowMs);
}

async function onFailure(ctx: MonitorContext, state: JobAlertState, run: RunRecord, nowMs: number): Promise<void> {
  state.consecutiveSkips = 0;
  closeIncident(state, `heartbeat:${run.id}`);
  const options = ctx.options(run.job);
  const windowMs = options.failureRate?.windowMs ?? 60_000;
  const stats = await ctx.store.jobStats(run.job, { from: new Date(nowMs - windowMs), to: new Date(nowMs + 1) });
  const verdict = evaluateFailure(run, stats, options);
  if (!verdict) return;
  const facts = runFacts(run);
  raise(
    ctx,
    run.job,
    state,
    'failing',
    {
      kind: verdict.kind,
      severity: verdict.severity,
      runId: run.id,
      content: { ...facts, title: verdict.title, fields: { ...facts.fields, ...verdict.fields } },
    },
    nowMs,
  );
}

async function onSkipped(ctx: MonitorContext, state: JobAlertState, run: RunRecord, nowMs: number): Promise<void> {
  if (QUIET_SKIP_REASONS.has(run.reason ?? '')) return;
  // Skipped because an upstream job did not succeed: while that job's own alert is open, it says it all.
  const upstream = /^dependency "([^"]+)"/.exec(run.reason ?? '')?.[1];
  if (upstream !== undefined && Object.values((await ctx.states.get(upstream)).incidents).some(Boolean)) return;
  state.consecutiveSkips++;
  const threshold = ctx.options(run.job).consecutiveSkips;
  if (threshold === undefined || state.consecutiveSkips < threshold) return;
  const reason = run.reason ?? 'unknown reason';
  const facts = runFacts(run);
  raise(
    ctx,
    run.job,
    state,
    'skipped',
    {
      kind: 'skipped',
      severity: 'warning',
      runId: run.id,
      content: {
        ...facts,
        title: `${run.job}: ${state.consecutiveSkips} slots in a row were skipped (${reason})`,
        text: skipHint(reason),
        fields: { ...facts.fields, 'skipped in a row': String(state.consecutiveSkips) },
      },
    },
    nowMs,
  );
}

function skipHint(reason: string): string {
  if (reason === 'overlap') {
    return 'Each slot found the previous run still running. The job takes longer than its period: make it faster, run it less often, or choose another overlap policy.';
  }
  return 'The job was not run. Check the reason above (an upstream job that did not succeed, for instance).';
}

async function onSuccess(ctx: MonitorContext, state: JobAlertState, run: RunRecord, nowMs: number): Promise<void> {
  state.consecutiveSkips = 0;
  const options = ctx.options(run.job);
  const closed: [IncidentName, IncidentState][] = [];
  for (const name of ENDED_BY_SUCCESS) {
    if (name === 'failing' && (await failureRateStillHigh(ctx, state, run, nowMs))) continue;
    const incident = closeIncident(state, name);
    if (incident) closed.push([name, incident]);
  }
  const beat = closeIncident(state, `heartbeat:${run.id}`);
  if (beat) closed.push([`heartbeat:${run.id}`, beat]);
  const slow = options.slowerThanMs !== undefined && (run.durationMs ?? 0) > options.slowerThanMs;
  if (slow) raiseSlow(ctx, state, run, nowMs, options.slowerThanMs ?? 0);
  else {
    const incident = closeIncident(state, 'slow');
    if (incident) closed.push(['slow', incident]);
  }
  const notified = closed.filter(([, incident]) => incident.notified);
  if (notified.length > 0 && options.onRecovery) {
    sendRecovery(ctx, run.job, state, recoveryAlert(run, notified, closed, nowMs), nowMs);
  }
}

async function failureRateStillHigh(
  ctx: MonitorContext,
  state: JobAlertState,
  run: RunRecord,
  nowMs: number,
): Promise<boolean> {
  const rule = ctx.options(run.job).failureRate;
  if (!rule || state.incidents.failing?.kind !== 'failure-rate') return false;
  const stats = await ctx.store.jobStats(run.job, { from: new Date(nowMs - rule.windowMs), to: new Date(nowMs + 1) });
  const rate = failureRate(stats, rule.minRuns);
  return rate !== undefined && rate >= rule.threshold;
}

function raiseSlow(ctx: MonitorContext, state: JobAlertState, run: RunRecord, nowMs: number, limitMs: number): void {
  const facts = runFacts(run);
  const took = formatDurationMs(run.durationMs ?? 0);
  raise(
    ctx,
    run.job,
    state,
    'slow',
    {
      kind: 'slow-run',
      severity: 'warning',
      runId: run.id,
      content: {
        ...facts,
        title: `${run.job} took ${took} (limit ${formatDurationMs(limitMs)})`,
        fields: { ...facts.fields, 'slower than': formatDurationMs(limitMs) },
      },
    },
    nowMs,
  );
}

function recoveryAlert(
  run: RunRecord,
  notified: [IncidentName, IncidentState][],
  closed: [IncidentName, IncidentState][],
  nowMs: number,
): Alert {
  const since = Math.min(...notified.map(([, incident]) => incident.openedAtMs));
  const wasCircuit = closed.some(([name]) => name === 'circuit');
  const failing = closed.find(([name]) => name === 'failing')?.[1];
  const facts = runFacts(run);
  const fields: Record<string, string> = {
    ...facts.fields,
    resolved: notified.map(([, incident]) => incident.kind).join(', '),
    'alerting for': formatDurationMs(nowMs - since),
  };
  if (failing) fields['failed runs'] = String(failing.occurrences);
  const { error: _ignored, ...rest } = facts;
  return {
    ...rest,
    fields,
    key: `${run.job}:recovered`,
    kind: wasCircuit ? 'circuit-closed' : 'recovered',
    // The severity of what it resolves: it reaches every channel the incident reached.
    severity: recoverySeverity(notified.map(([, incident]) => incident)),
    resolved: true,
    title: wasCircuit
      ? `${run.job} recovered: the probe run succeeded and the circuit is closed`
      : `${run.job} recovered after ${formatDurationMs(nowMs - since)}`,
    createdAtMs: nowMs,
  };
}
