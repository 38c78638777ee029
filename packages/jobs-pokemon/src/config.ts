import type { Clock, Logger, Notifier } from '@pokemon/scheduler';
import type { NotifyFunction, notifyThrough } from './alerts.js';
import type { DiskSpaceProbe } from './backup/disk-space.js';
import type { RetentionPolicy } from './backup/retention.js';
import type { HealthThresholds } from './health/check-types.js';
import type { CardSource } from './sources/types.js';

/** The eight job names. */
export const POKEMON_JOB_NAMES = [
  'sync-missing-sets',
  'sync-missing-cards',
  'validate-data-integrity',
  'backup-database',
  'rotate-backups',
  'replicate-to-primary',
  'database-health-check',
  'cleanup-stale-data',
] as const;

/** One of {@link POKEMON_JOB_NAMES}. */
export type PokemonJobName = (typeof POKEMON_JOB_NAMES)[number];

/** Default schedules, in the scheduler's timezone unless `timezone` is set. */
export const DEFAULT_SCHEDULES: Readonly<Record<PokemonJobName, string>> = {
  'sync-missing-sets': '0 2 * * *',
  'sync-missing-cards': '0 3 * * *',
  'validate-data-integrity': '0 6 * * 0',
  'backup-database': '0 0 * * *',
  'rotate-backups': '0 1 * * *',
  'replicate-to-primary': '0 4 * * *',
  'database-health-check': '*/15 * * * *',
  'cleanup-stale-data': '0 5 * * 0',
};

/**
 * Configuration of {@link createPokemonJobs}. Only `catalogPath` is required;
 * a job whose configuration is missing fails with a `NotConfiguredError`
 * naming what to set (or, for replication, returns `{ configured: false }`).
 */
export interface PokemonJobsConfig {
  /** The catalogue SQLite file (created on first sync). Runner: `POKEMON_CRON_DB`. */
  catalogPath: string;
  /** Where backups are written and rotated. Runner: `POKEMON_CRON_BACKUP_DIR`. Without it the backup jobs fail with a clear error. */
  backupDir?: string;
  /** Backups kept by `rotate-backups`. @default `{ daily: 7, weekly: 4, monthly: 3 }` */
  retention?: Partial<RetentionPolicy>;
  /** `rotate-backups` only reports what it would delete. @default false */
  rotateDryRun?: boolean;
  /** Where sets and cards come from. @default bundledSource() */
  source?: CardSource;
  /** PostgreSQL primary; replication is "not configured" without it. Runner: `PRIMARY_DATABASE_URL`. */
  primaryDatabaseUrl?: string;
  /** Schema of the primary's tables. @default 'pokemon' */
  primarySchema?: string;
  /** Rows per `unnest` batch when replicating. @default 5000 */
  replicationBatchSize?: number;
  /** Where health and integrity alerts go; without it (and without `notifier`) they are logged (warn/error) on the run's logger. */
  notify?: NotifyFunction;
  /** A scheduler `Notifier` to send them to instead (used when `notify` is not given); see {@link notifyThrough}. */
  notifier?: Notifier;
  /** Logger for what happens outside a run's context (notify failures). @default silent */
  logger?: Logger;
  /** Clock for file names, ages and timestamps. @default systemClock */
  clock?: Clock;
  /** Disk-space probe (backup pre-check, health). @default fs.statfs */
  diskSpace?: DiskSpaceProbe;
  /** Health thresholds. @default {@link DEFAULT_HEALTH_THRESHOLDS} */
  healthThresholds?: Partial<HealthThresholds>;
  /** Deletes scheduler run history older than the date, returns rows deleted (the runner passes `store.pruneRuns`). */
  pruneHistory?: (olderThan: Date) => Promise<number>;
  /** Run history kept by `cleanup-stale-data`, days. @default 90 */
  historyRetentionDays?: number;
  /** Temp files older than this are stale, ms. @default 24 h */
  staleTempFileAgeMs?: number;
  /** `validate-data-integrity` also compares set sizes with the source. @default true */
  validateAgainstSource?: boolean;
  /** IANA timezone of every schedule. @default the scheduler's */
  timezone?: string;
  /** Per-job schedule overrides. */
  schedules?: Partial<Record<PokemonJobName, string>>;
}
