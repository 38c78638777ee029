import { InvalidJobError, InvalidScheduleError, NonRetryableError } from '../core/errors.js';
import { isPlainObject, jobSite, optionalString, rejectUnknownKeys } from '../core/validate.js';
import { defineJob, JOB_NAME_PATTERN } from '../job/define-job.js';
import type { JobDefinition } from '../job/types.js';

/** The longest pg_cron job name accepted (PostgreSQL's identifier length), prefix excluded. */
export const MAX_PG_CRON_NAME_LENGTH = 63;

const OPTION_KEYS = ['name', 'schedule', 'sql', 'database', 'timezone', 'description'] as const;
const SECONDS = /^\s*([1-9]|[1-5][0-9])\s+seconds?\s*$/i;
const MACROS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@hourly'];

/** Options of {@link definePgCronJob}. */
export interface PgCronJobOptions {
  /** Kebab-case name, unique among the scheduler's jobs; in `cron.job` it is the source's prefix plus this name. At most 63 characters. */
  name: string;
  /**
   * When pg_cron runs it: a 5-field cron expression (`0 3 * * *`), a macro (`@hourly`, `@daily`,
   * `@weekly`, `@monthly`, `@yearly`), or an interval of 1 to 59 seconds (`'30 seconds'`, pg_cron 1.5 or later).
   */
  schedule: string;
  /** The SQL command pg_cron runs. */
  sql: string;
  /** The database the command runs in. @default the database the source connects to */
  database?: string;
  /**
   * The timezone the schedule is read in. pg_cron reads every schedule in one server-wide zone:
   * GMT before 1.5, the `cron.timezone` setting from 1.5 on; a job naming another zone is refused
   * when the source connects. @default 'UTC'
   */
  timezone?: string;
  /** Human description, shown by `status` and `list`. */
  description?: string;
}

/** A validated pg_cron job (from {@link definePgCronJob}). */
export interface PgCronJobDefinition {
  /** Job name (without the prefix). */
  readonly name: string;
  /** The schedule as pg_cron takes it. */
  readonly schedule: string;
  /** For a seconds schedule, the interval in seconds; `undefined` for cron schedules. */
  readonly intervalSeconds: number | undefined;
  /** The SQL command. */
  readonly sql: string;
  /** The database it runs in, when not the source's. */
  readonly database: string | undefined;
  /** The zone the schedule is meant in. */
  readonly timezone: string;
  /** The job as the scheduler shows it (a seconds schedule as its 6-field cron equivalent); its `run` is never called. */
  readonly job: JobDefinition;
}

/**
 * Defines a SQL job that PostgreSQL runs with pg_cron. Validated at once: the name, the
 * schedule's syntax, the SQL. What depends on the installed pg_cron (seconds schedules need
 * 1.5; before 1.5 every schedule is read in GMT) is checked when the source connects
 * (`plan()` or `start()`), with an error naming the job and the version.
 *
 * @param options - name, schedule, SQL, and optionally database, timezone, description
 * @returns the frozen definition, to pass to `pgCronJobs({ jobs })`
 * @throws `InvalidJobError` for a bad name, SQL or unknown option; `InvalidScheduleError` for a bad schedule or timezone
 *
 * @example
 * ```ts
 * const analyze = definePgCronJob({ name: 'analyze-cards', schedule: '30 4 * * *', sql: 'ANALYZE cards' });
 * ```
 */
export function definePgCronJob(options: PgCronJobOptions): PgCronJobDefinition {
  const site = jobSite(isPlainObject(options) && typeof options.name === 'string' ? options.name : undefined);
  if (!isPlainObject(options)) {
    throw new InvalidJobError('definePgCronJob: expected an object with `name`, `schedule` and `sql`.', {
      field: '(options)',
    });
  }
  rejectUnknownKeys(site, undefined, options, OPTION_KEYS);
  const name = checkName(options.name);
  const sql = checkSql(name, options.sql);
  const timezone = optionalString(site, 'timezone', options.timezone) ?? 'UTC';
  const database = optionalString(site, 'database', options.database);
  if (database !== undefined && database.trim() === '') {
    throw new InvalidJobError(
      `pg_cron job "${name}": \`database\` is empty. Omit it to run in the source's database.`,
      {
        job: name,
        field: 'database',
      },
    );
  }
  const { expression, intervalSeconds } = schedulerSchedule(name, options.schedule);
  const description = optionalString(site, 'description', options.description);
  const job = defineJob({
    name,
    schedule: expression,
    timezone,
    ...(description === undefined ? {} : { description }),
    run: () => {
      throw new NonRetryableError(`Job "${name}" runs in PostgreSQL with pg_cron, not in the scheduler.`);
    },
  });
  return Object.freeze({ name, schedule: options.schedule.trim(), intervalSeconds, sql, database, timezone, job });
}

function checkName(name: unknown): string {
  if (typeof name !== 'string' || !JOB_NAME_PATTERN.test(name) || name.length > MAX_PG_CRON_NAME_LENGTH) {
    throw new InvalidJobError(
      `definePgCronJob: expected \`name\` to be kebab-case (a-z, 0-9, single dashes) and at most ${MAX_PG_CRON_NAME_LENGTH} characters, got ${JSON.stringify(name)}.`,
      { job: typeof name === 'string' ? name : undefined, field: 'name' },
    );
  }
  return name;
}

function checkSql(name: string, sql: unknown): string {
  if (typeof sql !== 'string' || sql.trim() === '') {
    throw new InvalidJobError(
      `pg_cron job "${name}": \`sql\` must be a non-empty SQL command, got ${JSON.stringify(sql)}.`,
      {
        job: name,
        field: 'sql',
      },
    );
  }
  return sql;
}

/** A pg_cron schedule in the scheduler's syntax (`N seconds` as `*\/N * * * * *`), or `undefined` when it has none. @internal */
export function schedulerExpression(schedule: string): string | undefined {
  const seconds = SECONDS.exec(schedule);
  if (seconds) return `*/${seconds[1]} * * * * *`;
  const trimmed = schedule.trim();
  if (trimmed.startsWith('@')) return MACROS.includes(trimmed) ? trimmed : undefined;
  return trimmed.split(/\s+/).length === 5 ? trimmed : undefined;
}

/** The schedule in the scheduler's syntax: cron and macros as they are, `N seconds` as `*\/N * * * * *`. */
function schedulerSchedule(
  name: string,
  schedule: unknown,
): { expression: string; intervalSeconds: number | undefined } {
  if (typeof schedule !== 'string') {
    throw new InvalidScheduleError(
      `pg_cron job "${name}": \`schedule\` must be a string, got ${JSON.stringify(schedule)}.`,
      {
        expression: String(schedule),
        job: name,
        field: 'schedule',
      },
    );
  }
  const expression = schedulerExpression(schedule);
  if (expression === undefined) {
    throw new InvalidScheduleError(
      `pg_cron job "${name}": schedule ${JSON.stringify(schedule)} is not one pg_cron runs. Use 5 cron fields ("0 3 * * *"), one of ${MACROS.join(', ')}, or "N seconds" (1 to 59, pg_cron 1.5 or later).`,
      { expression: schedule, job: name, field: 'schedule' },
    );
  }
  const seconds = SECONDS.exec(schedule);
  return { expression, intervalSeconds: seconds ? Number(seconds[1]) : undefined };
}
