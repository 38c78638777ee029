/** `cron-runner list`: every job with its schedule, description, timezone, next runs, dependencies and state. */
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { jobStateName } from '../jobs.js';
import { describeCron, formatDate } from '../output/format.js';
import { renderTable } from '../output/table.js';
import type { Runner } from '../runner.js';
import { nextRuns } from '../schedule.js';

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

/** The listing of every job, as `list --json` prints it. */
export async function listJobs(runner: Runner, now: Date): Promise<JobListing[]> {
  const states = new Map((await runner.store.listJobs()).map((state) => [state.name, state]));
  return runner.jobs.map((job) => {
    const state = states.get(job.name);
    const schedule = state?.scheduleOverride ?? job.schedule;
    const timezone = job.timezone ?? runner.config.timezone;
    return {
      name: job.name,
      schedule,
      timezone,
      description: job.description ?? describeCron(schedule),
      dependsOn: [...job.dependsOn],
      nextRuns: nextRuns(schedule, timezone, 3, now).map((date) => date.toISOString()),
      state: jobStateName(state),
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
          else context.print(render(listing, context.width()));
        },
        { access: 'read' },
      );
    });
}
