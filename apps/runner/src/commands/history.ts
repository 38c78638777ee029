/** `cron-runner history`: runs, newest first, filtered and keyset-paginated. */
import type { RunRecord } from '@pokemon/scheduler';
import type { RunQuery } from '@pokemon/scheduler/store';
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { UsageError } from '../errors.js';
import { unknownJobMessage } from '../jobs.js';
import { formatDate, formatDuration, summarize } from '../output/format.js';
import { describeResult } from '../output/result-words.js';
import { renderTable } from '../output/table.js';
import { parseCursor, parseInstant, parseStatuses, parseWhole } from '../parse.js';
import type { Runner } from '../runner.js';

/** The history filters, as the CLI flags or the HTTP query parameters give them. */
export interface HistoryOptions {
  job?: string;
  status?: string;
  since?: string;
  until?: string;
  limit: string;
  cursor?: string;
  json?: boolean;
}

/** How messages name a filter: `--since` on the command line, `query parameter since` over HTTP. */
export type FilterName = (key: keyof HistoryOptions) => string;

/** The command line's names of the filters. */
export const flagName: FilterName = (key) => `--${key}`;

async function checkJob(runner: Runner, job: string, name: FilterName): Promise<void> {
  if (runner.job(job)) return;
  const known = new Set([...runner.jobs.map((j) => j.name), ...(await runner.store.listJobs()).map((s) => s.name)]);
  if (!known.has(job)) throw new UsageError(unknownJobMessage(job, [...known], `${name('job')}: `));
}

/**
 * Builds the store query from the filters; a bad one is a {@link UsageError}
 * naming it (an unknown job with the closest name, a range whose start is after its end).
 */
export async function historyQuery(
  runner: Runner,
  options: HistoryOptions,
  now: Date,
  name: FilterName = flagName,
): Promise<RunQuery> {
  if (options.job !== undefined) await checkJob(runner, options.job, name);
  const from = options.since === undefined ? undefined : parseInstant(name('since'), options.since, now);
  const to = options.until === undefined ? undefined : parseInstant(name('until'), options.until, now);
  if (from && to && from > to) {
    throw new UsageError(
      `${name('since')} (${from.toISOString()}) is after ${name('until')} (${to.toISOString()}): nothing can match; swap them`,
    );
  }
  return {
    ...(options.job === undefined ? {} : { job: options.job }),
    ...(options.status === undefined ? {} : { status: parseStatuses(name('status'), options.status) }),
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
    limit: parseWhole(name('limit'), options.limit, 1, 1000),
    ...(options.cursor === undefined ? {} : { cursor: await parseCursor(name('cursor'), options.cursor) }),
  };
}

function outcome(run: RunRecord): string {
  if (run.reason) return run.reason;
  if (run.error) return summarize(run.error.message, 200);
  return describeResult(run.result);
}

function render(runs: readonly RunRecord[], nextCursor: string | undefined, width: number | undefined): string {
  const table = renderTable(
    ['id', 'job', 'slot', 'trigger', 'status', 'attempts', 'duration', 'result / reason'],
    runs.map((run) => [
      run.id.slice(0, 8),
      run.job,
      formatDate(run.scheduledFor),
      run.trigger,
      run.status,
      String(run.attempts.length),
      formatDuration(run.durationMs),
      outcome(run),
    ]),
    width,
  );
  return nextCursor ? `${table}\nolder runs: --cursor ${nextCursor}` : table;
}

/** Registers `history`. */
export function registerHistory(program: Command, context: CommandContext): void {
  program
    .command('history')
    .description('runs, newest first (filters combine; --cursor pages to older runs)')
    .option('--job <name>', 'only this job')
    .option('--status <list>', 'only these statuses, comma-separated (succeeded,failed,...)')
    .option('--since <when>', 'slots at or after: ISO date or duration ago (24h, 7d)')
    .option('--until <when>', 'slots before: ISO date or duration ago')
    .option('--limit <n>', 'page size, 1 to 1000', '20')
    .option('--cursor <cursor>', 'the nextCursor of a previous page')
    .option('--json', 'print JSON: { runs: RunRecord[], nextCursor? }')
    .action(async (options: HistoryOptions, command: Command) => {
      await context.withRunner(
        command,
        async (runner) => {
          const query = await historyQuery(runner, options, new Date());
          const page = await runner.store.listRuns(query);
          if (options.json) context.printJson(page);
          else context.print(render(page.runs, page.nextCursor, context.width()));
        },
        { access: 'read' },
      );
    });
}
