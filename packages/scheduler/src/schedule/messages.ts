/**
 * One message template for every schedule error:
 * `Job "sync-cards": invalid schedule "0 25 * * *": hour "25" is out of range 0-23.`
 *
 * @internal
 */
import { InvalidScheduleError } from '../core/errors.js';
import { type CronFieldName, FIELD_EXTRAS, FIELD_RANGES } from './fields.js';

/** Where the error happened: the expression and, when known, its job. */
export interface ErrorSite {
  readonly expression: string;
  readonly job?: string | undefined;
}

function prefix(site: ErrorSite): string {
  const quoted = JSON.stringify(site.expression);
  return site.job === undefined ? `Invalid schedule ${quoted}` : `Job "${site.job}": invalid schedule ${quoted}`;
}

/** An error about the expression as a whole (`field` names the option when there is one). */
export function scheduleError(site: ErrorSite, detail: string, field?: string, cause?: unknown): InvalidScheduleError {
  return new InvalidScheduleError(
    `${prefix(site)}: ${detail}`,
    { expression: site.expression, job: site.job, field },
    cause === undefined ? undefined : { cause },
  );
}

/** cron-parser's wording for a number (or range of numbers) outside the field's range. */
const OUT_OF_RANGE = /got (?:value|range) \d+(?:-\d+)? expected range/;

/** An error about one cron field, classified from cron-parser's message. */
export function fieldError(site: ErrorSite, field: CronFieldName, token: string, cause: unknown): InvalidScheduleError {
  const reason = (cause instanceof Error ? cause.message : String(cause)).replace(/\.$/, '');
  const range = FIELD_RANGES[field];
  const detail = OUT_OF_RANGE.test(reason)
    ? `${field} "${token}" is out of range ${range}.`
    : `${field} "${token}" is not valid (${reason}). Use numbers in ${range}, lists (1,2), ranges (1-5) or steps (*/5)${FIELD_EXTRAS[field]}.`;
  return scheduleError(site, detail, field, cause);
}
