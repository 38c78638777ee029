/** `cron-runner list`: every job with its schedule, description, timezone, next runs, dependencies and state. */
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { describeCron, formatDate } from '../output/format.js';
import { renderTable } from '../output/table.js';
import type { Runner } from '../runner.js';

/** One job in `list --json`. */
interface JobListing {
  name: string;
  /** Effective cron (an operator override when set). */
  schedule: string;
  timezone: string;
  /** The job's description, or the cron in words when it has none. */
  description: string;
  dependsOn: string[];
  /** The next three slots, ISO 8601. */
  nextRuns: string[];
  state: 'active' | 'paused' | 'circuit-open';
}

/**
 * The listing of every job, as `list --json` prints it: the scheduler's plan (effective schedule
 * after operator overrides, next runs after each job's DST policy, state), read without writing.
 */
export async function listJobs(runner: Runner, now: Date): Promise<JobListing[]> {
  const { jobs } = await runner.scheduler.plan({ count: 3, after: now });
  return jobs.map((planned) => {
    const job = runner.job(planned.name);
    return {
      name: planned.name,
      schedule: planned.schedule,
      timezone: planned.timezone,
      description: job?.description ?? describeCron(planned.schedule),
      dependsOn: [...(job?.dependsOn ?? [])],
      nextRuns: planned.nextRuns.map((date) => date.toISOString()),
      state: planned.state,
    };
  });
}

function render(listing: readonly JobListing[], width: number | undefined): string {
  return renderTable(
    ['job', 'schedule', 'when', 'timezone', 'next runs', 'depends on', 'state'],
    listing.map((job) => [
      job.name,
      job.schedule,
      describeCron(job.schedule),
      job.timezone,
      job.nextRuns.map((iso) => formatDate(new Date(iso))).join('\n'),
      job.dependsOn.join(', ') || '-',
      job.state,
    ]),
    width,
  );
}

/** Registers `list`. */
export function registerList(program: Command, context: CommandContext): void {
  program
    .command('list')
    .description('list jobs: schedule, description, timezone, next 3 runs, dependencies, state')
    .option('--json', 'print JSON: [{ name, schedule, timezone, description, dependsOn, nextRuns, state }]')
    .action(async (options: { json?: boolean }, command: Command) => {
      await context.withRunner(
        command,
        async (runner) => {
          const listing = await listJobs(runner, new Date());
          if (options.json) context.printJson(listing);
          else {
            context.print(render(listing, context.width()));
            if (runner.pgCronNote) context.print(runner.pgCronNote);
          }
        },
        // With no store yet, the jobs as defined in code (and a note): what `start` would run.
        { access: 'read-or-empty' },
      );
    });
}
