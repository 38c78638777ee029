import { InvalidScheduleError } from '../core/errors.js';
import type { PgCronJobDefinition } from './pg-cron-job.js';

/** The installed pg_cron, as `pg_extension.extversion` gives it (`1.4-1`, `1.6`). */
export interface PgCronVersion {
  /** As installed. */
  readonly text: string;
  /** Major version. */
  readonly major: number;
  /** Minor version. */
  readonly minor: number;
}

/** Parses `extversion`. @internal */
export function parsePgCronVersion(text: string): PgCronVersion {
  const match = /^(\d+)\.(\d+)/.exec(text);
  return { text, major: Number(match?.[1] ?? 0), minor: Number(match?.[2] ?? 0) };
}

/** pg_cron 1.5 brought seconds schedules and the `cron.timezone` setting. @internal */
export function atLeast15(version: PgCronVersion): boolean {
  return version.major > 1 || (version.major === 1 && version.minor >= 5);
}

const GMT_NAMES = new Set(['UTC', 'GMT', 'Etc/UTC', 'Etc/GMT', 'UCT', 'Zulu', 'Etc/Zulu']);

/**
 * Checks each job against what the installed pg_cron runs: seconds schedules need 1.5; the
 * schedule's timezone must be the one pg_cron reads every schedule in (GMT before 1.5,
 * `cron.timezone` after). Throws an {@link InvalidScheduleError} naming the job and the version.
 *
 * @internal
 */
export function checkJobsAgainst(
  jobs: readonly PgCronJobDefinition[],
  version: PgCronVersion,
  cronTimezone: string | undefined,
): void {
  const modern = atLeast15(version);
  for (const job of jobs) {
    if (job.intervalSeconds !== undefined && !modern) {
      throw new InvalidScheduleError(
        `pg_cron job "${job.name}": the schedule "${job.schedule}" needs pg_cron 1.5 or later, and this server has ${version.text}. Use a cron schedule (at most once a minute) or upgrade pg_cron.`,
        { expression: job.schedule, job: job.name, field: 'schedule' },
      );
    }
    const zone = modern ? (cronTimezone ?? 'GMT') : 'GMT';
    if (!sameZone(job.timezone, zone)) {
      const why = modern
        ? `pg_cron reads every schedule in the server's cron.timezone, "${zone}"`
        : `pg_cron ${version.text} reads every schedule in GMT (per-server timezones came in 1.5)`;
      throw new InvalidScheduleError(
        `pg_cron job "${job.name}": timezone "${job.timezone}" cannot be honoured: ${why}. Write the schedule in ${modern ? zone : 'UTC'} and drop \`timezone\`${modern ? ', or change cron.timezone' : ''}.`,
        { expression: job.schedule, job: job.name, field: 'timezone' },
      );
    }
  }
}

function sameZone(a: string, b: string): boolean {
  return a === b || (GMT_NAMES.has(a) && GMT_NAMES.has(b));
}
