/** `cron-runner history`: runs, newest first, filtered and keyset-paginated. */
import type { RunQuery, RunRecord } from '@pokemon/scheduler';
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { formatDate, formatDuration, summarize } from '../output/format.js';
import { renderTable } from '../output/table.js';
import { parseInstant, parseStatuses, parseWhole } from '../parse.js';

interface HistoryOptions {
  job?: string;
  status?: string;
  since?: string;
  until?: string;
  limit: string;
  cursor?: string;
  json?: boolean;
}

/** Builds the store query from the flags. */
export function historyQuery(options: HistoryOptions, now: Date): RunQuery {
  return {
    ...(options.job === undefined ? {} : { job: options.job }),
    ...(options.status === undefined ? {} : { status: parseStatuses('--status', options.status) }),
    ...(options.since === undefined ? {} : { from: parseInstant('--since', options.since, now) }),
    ...(options.until === undefined ? {} : { to: parseInstant('--until', options.until, now) }),
    limit: parseWhole('--limit', options.limit, 1, 1000),
    ...(options.cursor === undefined ? {} : { cursor: options.cursor }),
  };
}

function outcome(run: RunRecord): string {
  if (run.reason) return run.reason;
  if (run.error) return summarize(run.error.message, 60);
  return summarize(run.result, 60);
}

function render(runs: readonly RunRecord[], nextCursor: string | undefined): string {
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
      const query = historyQuery(options, new Date());
      await context.withRunner(
        command,
        async (runner) => {
          const page = await runner.store.listRuns(query);
          if (options.json) context.printJson(page);
          else context.print(render(page.runs, page.nextCursor));
        },
        { access: 'read' },
      );
    });
}
