import { PermanentJobError } from '../failures/permanent-error.js';
import type { IntegrityReport } from './findings.js';

const SAMPLES_IN_MESSAGE = 3;

/**
 * `validate-data-integrity` found errors (not only notices): the run fails with
 * this error, whose message names each error finding with its count and a few
 * ids, and whose `data` is the whole report (kept in run history). Code
 * `INTEGRITY_CHECK_FAILED`; not retried: the catalogue has to be repaired first.
 */
export class IntegrityCheckFailedError extends PermanentJobError {
  /** The full report, every finding included. */
  readonly data: IntegrityReport;

  /** @param report - a report that is not clean */
  constructor(report: IntegrityReport) {
    const errors = Object.entries(report.findings).filter(([, f]) => f.severity === 'error' && f.count > 0);
    const named = errors.map(
      ([name, f]) =>
        `${name}: ${f.count} (${f.description}), e.g. ${f.samples.slice(0, SAMPLES_IN_MESSAGE).join(', ')}`,
    );
    super(
      'INTEGRITY_CHECK_FAILED',
      `Catalogue integrity: ${errors.length} error finding(s): ${named.join('; ')}. The run's error data holds every finding`,
    );
    this.name = 'IntegrityCheckFailedError';
    this.data = report;
  }
}
