import { randomUUID } from 'node:crypto';
import { parseSchedule } from '../schedule/index.js';
import type { PgPoolLike } from '../store/postgres/driver-types.js';
import type { RunRecord, Store } from '../store/types.js';
import type { CronJobRow } from './cron-jobs.js';
import { type PgCronJobDefinition, schedulerExpression } from './pg-cron-job.js';
import { startedSeconds } from './run-details.js';

/** Most missed slots recorded per job and pass (the newest), as the scheduler's catch-up does. */
const MAX_MISSED = 100;

/** The `reason` of a slot pg_cron did not run. */
export const NOT_RUN_REASON = 'pg_cron did not run it';

/** What a missed-slot pass needs. @internal */
export interface MissedContext {
  readonly pool: Pick<PgPoolLike, 'query'>;
  readonly store: Store;
  readonly prefix: string;
  readonly defs: ReadonlyMap<string, PgCronJobDefinition>;
  readonly instanceId: string;
  /** A slot is judged this long after it (pg_cron may start a job a little late). */
  readonly missedAfterMs: number;
  readonly recorded: (run: RunRecord) => void;
}

type Checked = Record<string, number>;

/**
 * Records `missed` each slot of an active prefixed job, from where the last pass stopped up to
 * `nowMs - missedAfterMs`, at which pg_cron started no execution (the server was down, the
 * launcher stopped). A slot is claimed by its time, so instances recording it at once record it
 * once. A job seen for the first time is judged from `nowMs` on; a paused job's slots are passed over.
 *
 * @internal
 */
export async function recordMissedSlots(
  ctx: MissedContext,
  rows: readonly CronJobRow[],
  nowMs: number,
): Promise<number> {
  const key = `pg-cron:${ctx.prefix}:checked`;
  const checked: Checked = (await ctx.store.getState<Checked>(key)) ?? {};
  const toMs = nowMs - ctx.missedAfterMs;
  let recorded = 0;
  const next: Checked = {};
  for (const row of rows) {
    const job = row.jobname.slice(ctx.prefix.length);
    const def = ctx.defs.get(job);
    if (!def) continue;
    const fromMs = checked[job] ?? nowMs;
    // Slots of a paused job are not missed: once resumed, it is judged from the last pass it was paused in.
    next[job] = row.active ? Math.max(fromMs, toMs) : Math.max(fromMs, nowMs);
    if (!row.active || toMs <= fromMs) continue;
    recorded += await recordJob(ctx, row, def, fromMs, toMs);
  }
  await ctx.store.setState(key, next);
  return recorded;
}

async function recordJob(
  ctx: MissedContext,
  row: CronJobRow,
  def: PgCronJobDefinition,
  fromMs: number,
  toMs: number,
): Promise<number> {
  const expression = schedulerExpression(row.schedule);
  if (expression === undefined) return 0;
  const schedule = parseSchedule(expression, { timezone: def.timezone, job: def.name });
  const slots = schedule.slotsBetween(fromMs, toMs).slice(-MAX_MISSED);
  const first = slots[0];
  if (first === undefined) return 0;
  const ends = slots.map((slot) => schedule.next(slot)?.getTime() ?? Number.POSITIVE_INFINITY);
  const untilMs = Math.min(ends.at(-1) as number, toMs + 86_400_000);
  const started = [...(await startedSeconds(ctx.pool, row.jobid, first.getTime(), untilMs))];
  let recorded = 0;
  for (const [i, slot] of slots.entries()) {
    const endMs = ends[i] as number;
    if (started.some((at) => at >= slot.getTime() && at < endMs)) continue;
    const claim = await ctx.store.claimRun({
      id: randomUUID(),
      job: def.name,
      scheduledFor: slot,
      claimKey: slot.toISOString(),
      trigger: 'schedule',
      instanceId: ctx.instanceId,
      leaseMs: 1,
      status: 'missed',
      reason: NOT_RUN_REASON,
    });
    if (claim.claimed) {
      recorded++;
      ctx.recorded(claim.run);
    }
  }
  return recorded;
}
