/** Status of one health check, or of the whole report (the worst of its checks). */
export type HealthStatus = 'ok' | 'warning' | 'critical' | 'skipped';

/** One check of `database-health-check`. */
export interface HealthCheck {
  /** Check name: `sqlite`, `disk`, `backup`, `primary`. */
  name: string;
  /** Its verdict. */
  status: HealthStatus;
  /** One line saying what was seen and against which threshold. */
  message: string;
  /** Measurements (bytes, ms, ages, counts). */
  details: Record<string, unknown>;
}

/** Result of `database-health-check`. */
export interface HealthReport {
  /** The worst status of the checks. */
  status: HealthStatus;
  /** Every check, skipped ones included. */
  checks: HealthCheck[];
  /** Wall time, ms. */
  durationMs: number;
}

/** Thresholds of `database-health-check`. */
export interface HealthThresholds {
  /** Warn when free disk is below this share of the file system. @default 0.10 */
  diskWarnFreeRatio: number;
  /** Critical when free disk is below this share. @default 0.05 */
  diskCriticalFreeRatio: number;
  /** Critical when the newest verified backup is older than this, ms. @default 26 h */
  backupMaxAgeMs: number;
  /** Warn when the WAL file is larger than this, bytes. @default 256 MiB */
  walWarnBytes: number;
  /** Warn when a PostgreSQL round trip takes longer than this, ms. @default 500 */
  primaryLatencyWarnMs: number;
  /** Warn when the primary's row counts differ from the catalogue's by more than this. @default 0 */
  driftWarnRows: number;
}

/** The defaults of {@link HealthThresholds}. */
export const DEFAULT_HEALTH_THRESHOLDS: HealthThresholds = {
  diskWarnFreeRatio: 0.1,
  diskCriticalFreeRatio: 0.05,
  backupMaxAgeMs: 26 * 3_600_000,
  walWarnBytes: 256 * 1024 * 1024,
  primaryLatencyWarnMs: 500,
  driftWarnRows: 0,
};

const RANK: Record<HealthStatus, number> = { skipped: 0, ok: 1, warning: 2, critical: 3 };

/** The worst status of `checks` (`ok` when all were skipped). */
export function worstStatus(checks: readonly HealthCheck[]): HealthStatus {
  const worst = checks.reduce<HealthStatus>((acc, c) => (RANK[c.status] > RANK[acc] ? c.status : acc), 'ok');
  return worst;
}
