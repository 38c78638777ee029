/** `cron-runner audit`: the audit log (operator actions and deploys), newest first, filtered and keyset-paginated. */
import type { AuditAction, AuditEntry } from '@pokemon/scheduler';
import { AUDIT_ACTIONS, type AuditQuery, decodeAuditCursor } from '@pokemon/scheduler/store';
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { UsageError } from '../errors.js';
import { describeAuditChange } from '../output/audit-change.js';
import { formatDate } from '../output/format.js';
import { renderTable } from '../output/table.js';
import { parseInstant, parseWhole } from '../parse.js';

/** The audit log filters, as the CLI flags give them. */
export interface AuditOptions {
  job?: string;
  actor?: string;
  action?: string;
  since?: string;
  until?: string;
  limit: string;
  cursor?: string;
  json?: boolean;
}

function parseAction(value: string): AuditAction {
  if ((AUDIT_ACTIONS as readonly string[]).includes(value)) return value as AuditAction;
  throw new UsageError(`--action: expected one of ${AUDIT_ACTIONS.join(', ')}, got "${value}"`);
}

function parseAuditCursor(value: string): string {
  try {
    decodeAuditCursor(value);
    return value;
  } catch {
    throw new UsageError(
      `--cursor: not an audit log cursor, got "${value}"; pass the nextCursor of a previous page unchanged, or omit it for the first page`,
    );
  }
}

/**
 * Builds the store query from the flags; a bad one is a {@link UsageError} naming it. A job
 * name is not checked against the definitions: the log keeps removed jobs.
 */
export function auditQuery(options: AuditOptions, now: Date): AuditQuery {
  const since = options.since === undefined ? undefined : parseInstant('--since', options.since, now);
  const until = options.until === undefined ? undefined : parseInstant('--until', options.until, now);
  if (since && until && since > until) {
    throw new UsageError(
      `--since (${since.toISOString()}) is after --until (${until.toISOString()}): nothing can match; swap them`,
    );
  }
  return {
    ...(options.job === undefined ? {} : { job: options.job }),
    ...(options.actor === undefined ? {} : { actor: options.actor }),
    ...(options.action === undefined ? {} : { action: parseAction(options.action) }),
    ...(since === undefined ? {} : { since }),
    ...(until === undefined ? {} : { until }),
    limit: parseWhole('--limit', options.limit, 1, 1000),
    ...(options.cursor === undefined ? {} : { cursor: parseAuditCursor(options.cursor) }),
  };
}

function render(entries: readonly AuditEntry[], nextCursor: string | undefined, width: number | undefined): string {
  const table = renderTable(
    ['at', 'actor', 'action', 'job', 'change', 'note'],
    entries.map((entry) => [
      formatDate(entry.at),
      entry.actor,
      entry.action,
      entry.job ?? '-',
      describeAuditChange(entry) || '-',
      entry.note ?? '-',
    ]),
    width,
  );
  return nextCursor ? `${table}\nolder entries: --cursor ${nextCursor}` : table;
}

/** Registers `audit`. */
export function registerAudit(program: Command, context: CommandContext): void {
  program
    .command('audit')
    .description('who paused, resumed, overrode, triggered, backfilled or deployed what, newest first')
    .option('--job <name>', 'only entries about this job')
    .option('--actor <name>', 'only entries by this actor (cli:<user>, deploy, a token name)')
    .option('--action <action>', `only this action (${AUDIT_ACTIONS.join(', ')})`)
    .option('--since <when>', 'recorded at or after: ISO date or duration ago (24h, 7d)')
    .option('--until <when>', 'recorded before: ISO date or duration ago')
    .option('--limit <n>', 'page size, 1 to 1000', '20')
    .option('--cursor <cursor>', 'the nextCursor of a previous page')
    .option('--json', 'print JSON: { entries: AuditEntry[], nextCursor? }')
    .action(async (options: AuditOptions, command: Command) => {
      const query = auditQuery(options, new Date());
      await context.withRunner(
        command,
        async (runner) => {
          const page = await runner.store.listAudit(query);
          if (options.json) context.printJson(page);
          else context.print(render(page.entries, page.nextCursor, context.width()));
        },
        { access: 'read' },
      );
    });
}
