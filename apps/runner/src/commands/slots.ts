/** `cron-runner slots --from --to [--job] [--json|--csv]`: did every slot run, and if not, why. */
import type { AuditedSlot, SlotAudit, SlotClass } from '@pokemon/scheduler';
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { UsageError } from '../errors.js';
import { requireJob } from '../jobs.js';
import { formatDate, formatDuration } from '../output/format.js';
import { renderTable } from '../output/table.js';
import { parseInstant } from '../parse.js';

interface SlotsOptions {
  job?: string;
  from: string;
  to: string;
  json?: boolean;
  csv?: boolean;
}

const CLASSES: readonly SlotClass[] = ['on-time', 'late', 'caught-up', 'backfilled', 'skipped', 'missed', 'unknown'];
/** Slots listed one by one in the human output; the rest are counted. */
const LISTED = 50;

/** A CSV field: quoted when it holds a comma, a quote or a line break. */
function csvField(value: string | number | undefined): string {
  const text = value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One line per slot: `job,slot,class,reason,latenessMs,status,runId,detail`. */
export function slotsCsv(audit: SlotAudit): string {
  const lines = ['job,slot,class,reason,latenessMs,status,runId,detail'];
  for (const job of audit.jobs) {
    for (const slot of job.slots) {
      const fields = [
        slot.job,
        slot.slot.toISOString(),
        slot.class,
        slot.reason,
        slot.latenessMs,
        slot.status,
        slot.runId,
        slot.detail,
      ];
      lines.push(fields.map(csvField).join(','));
    }
  }
  return lines.join('\n');
}

function why(slot: AuditedSlot): string {
  if (slot.latenessMs !== undefined && slot.class !== 'on-time') return `${formatDuration(slot.latenessMs)} late`;
  return [slot.reason, slot.detail].filter(Boolean).join(': ') || '-';
}

function render(audit: SlotAudit, width: number | undefined): string {
  const counts = renderTable(
    ['job', 'slots', ...CLASSES],
    audit.jobs.map((job) => [job.job, String(job.slots.length), ...CLASSES.map((name) => String(job.counts[name]))]),
    width,
  );
  const others = audit.jobs.flatMap((job) => job.slots.filter((slot) => slot.class !== 'on-time'));
  const head = `slots from ${audit.from.toISOString()} to ${audit.to.toISOString()} (on time: started within ${formatDuration(audit.toleranceMs)})`;
  if (others.length === 0) return `${head}\n${counts}`;
  const listed = renderTable(
    ['slot', 'job', 'class', 'why', 'run'],
    others
      .slice(0, LISTED)
      .map((slot) => [formatDate(slot.slot), slot.job, slot.class, why(slot), slot.runId?.slice(0, 8) ?? '-']),
    width,
  );
  const more =
    others.length > LISTED ? `\n${others.length - LISTED} more not on time: --json or --csv lists every slot` : '';
  return `${head}\n${counts}\n\n${listed}${more}`;
}

/** Registers `slots`. */
export function registerSlots(program: Command, context: CommandContext): void {
  program
    .command('slots')
    .description(
      'every slot each job should have had in [from, to), and what became of it (on-time, late, missed: why, ...)',
    )
    .requiredOption('--from <when>', 'start of the range: ISO date or duration ago (30d)')
    .requiredOption('--to <when>', 'end of the range (exclusive): ISO date or duration ago (0s for now)')
    .option('--job <name>', 'only this job')
    .option('--json', 'print JSON: { from, to, toleranceMs, jobs: [{ job, counts, slots: AuditedSlot[] }] }')
    .option('--csv', 'print one CSV line per slot: job,slot,class,reason,latenessMs,status,runId,detail')
    .action(async (options: SlotsOptions, command: Command) => {
      if (options.json && options.csv) throw new UsageError('slots: give --json or --csv, not both');
      const now = new Date();
      const from = parseInstant('--from', options.from, now);
      const to = parseInstant('--to', options.to, now);
      if (from > to) throw new UsageError(`--from (${from.toISOString()}) is after --to (${to.toISOString()})`);
      await context.withRunner(
        command,
        async (runner) => {
          if (options.job !== undefined) requireJob(runner, options.job);
          const audit = await runner.scheduler.auditSlots({
            from,
            to,
            ...(options.job === undefined ? {} : { job: options.job }),
          });
          if (options.json) context.printJson(audit);
          else if (options.csv) context.print(slotsCsv(audit));
          else context.print(render(audit, context.width()));
        },
        { access: 'read' },
      );
    });
}
