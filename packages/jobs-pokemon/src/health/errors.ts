import { PermanentJobError } from '../failures/permanent-error.js';
import type { HealthReport } from './check-types.js';

/**
 * `database-health-check` found at least one check `critical`: the run fails
 * with this error, whose message names each critical check and what it saw,
 * and whose `data` is the whole report (kept in run history). Code
 * `HEALTH_CHECK_CRITICAL`; not retried: a
 * second look within the same run would see the same thing.
 */
export class HealthCheckCriticalError extends PermanentJobError {
  /** The full report, every check included. */
  readonly data: HealthReport;

  /** @param report - the report whose status is `critical` */
  constructor(report: HealthReport) {
    const critical = report.checks.filter((c) => c.status === 'critical');
    super(
      'HEALTH_CHECK_CRITICAL',
      `Health check critical: ${critical.map((c) => `${c.name}: ${c.message}`).join('; ')}. The run's error data holds every check`,
    );
    this.name = 'HealthCheckCriticalError';
    this.data = report;
  }
}
