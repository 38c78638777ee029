/** `cron-runner plan`: what starting now would add, change or remove in the store's job table, and the next runs. */
import type { ExternalJobChange, JobPlan } from '@pokemon/scheduler';
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { formatDate } from '../output/format.js';
import type { Runner } from '../runner.js';

/** `plan --json`: the reconcile plan (dry run) plus each job's next three slots and the pg_cron changes. */
interface PlanReport extends JobPlan {
  nextRuns: Record<string, string[]>;
  /** What starting would change in `cron.job` on the primary (empty when pg_cron is off). */
  pgCron: ExternalJobChange[];
  /** Why pg_cron is off, when it is. */
  pgCronNote?: string;
}

/** The scheduler's plan (a dry run: nothing is written), in the shape `plan --json` prints. */
async function planReport(runner: Runner, now: Date): Promise<PlanReport> {
  const { jobs, added, changed, removed, unchanged, external } = await runner.scheduler.plan({ count: 3, after: now });
  const next: Record<string, string[]> = {};
  for (const job of jobs) next[job.name] = job.nextRuns.map((date) => date.toISOString());
  const pgCron = external.flatMap((plan) => plan.changes);
  const report: PlanReport = { added, changed, removed, unchanged, nextRuns: next, pgCron };
  if (runner.pgCronNote) report.pgCronNote = runner.pgCronNote;
  return report;
}

function render(report: PlanReport): string {
  const lines: string[] = [];
  for (const name of report.added) lines.push(`+ add     ${name}`);
  for (const change of report.changed) lines.push(`~ change  ${change.name} (${change.fields.join(', ')})`);
  for (const name of report.removed) lines.push(`- remove  ${name} (kept unless removeUnknownJobs)`);
  for (const name of report.unchanged) lines.push(`  same    ${name}`);
  for (const change of report.pgCron) {
    const fields = change.fields ? ` (${change.fields.join(', ')})` : '';
    lines.push(`~ pg_cron ${change.action.padEnd(7)} ${change.job}${fields}`);
  }
  if (report.pgCronNote) lines.push(report.pgCronNote);
  lines.push('', 'next runs:');
  for (const [name, runs] of Object.entries(report.nextRuns)) {
    lines.push(`  ${name.padEnd(24)} ${runs.map((iso) => formatDate(new Date(iso))).join('  ')}`);
  }
  return lines.join('\n');
}

/** Registers `plan`. */
export function registerPlan(program: Command, context: CommandContext): void {
  program
    .command('plan')
    .description("what `start` would add, change or remove in the store's job table, and the next runs")
    .option('--json', 'print JSON: { added, changed, removed, unchanged, nextRuns, pgCron, pgCronNote? }')
    .action(async (options: { json?: boolean }, command: Command) => {
      await context.withRunner(
        command,
        async (runner) => {
          const report = await planReport(runner, new Date());
          if (options.json) context.printJson(report);
          else context.print(render(report));
        },
        { access: 'read-or-empty' },
      );
    });
}
