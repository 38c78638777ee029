import type { RunRecord } from '../store/types.js';
import type { JobAlertState } from './alert-state.js';
import { runFacts } from './emit.js';
import { type MonitorContext, raise } from './monitor-context.js';

/** Missed slots of one job seen since the last check. @internal */
export interface PendingMissed {
  count: number;
  firstMs: number;
  lastMs: number;
  lastRun: RunRecord;
  /** When the first of them was noted (scheduler time, ms). */
  notedAtMs: number;
}

/**
 * Raises the `missed` incident for a burst of missed slots (for instance
 * every slot of a two-hour outage, recorded by catch-up when an instance
 * came back): one alert saying how many and which period. Mutates `state`.
 * @internal
 */
export function flushMissed(
  ctx: MonitorContext,
  state: JobAlertState,
  job: string,
  pending: PendingMissed,
  nowMs: number,
): void {
  const facts = runFacts(pending.lastRun);
  const slots = pending.count === 1 ? '1 slot' : `${pending.count} slots`;
  const range =
    pending.count === 1
      ? new Date(pending.firstMs).toISOString()
      : `${new Date(pending.firstMs).toISOString()} to ${new Date(pending.lastMs).toISOString()}`;
  raise(
    ctx,
    job,
    state,
    'missed',
    {
      kind: 'missed',
      severity: 'warning',
      runId: pending.lastRun.id,
      count: pending.count,
      content: {
        ...facts,
        title: `${job} missed ${slots}`,
        text: `No instance ran ${range}${pending.lastRun.reason ? ` (${pending.lastRun.reason})` : ''}. The scheduler was down or asleep and the catch-up policy did not run them.`,
        fields: {
          ...facts.fields,
          'missed slots': String(pending.count),
          from: new Date(pending.firstMs).toISOString(),
        },
      },
    },
    nowMs,
  );
}
