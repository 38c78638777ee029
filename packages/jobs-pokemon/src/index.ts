/**
 * `@pokemon/jobs-pokemon`: the Pokémon TCG platform's eight maintenance jobs
 * (catalogue sync, integrity, backups, rotation, replication, health, cleanup),
 * built on `@pokemon/scheduler`, plus the services they use.
 *
 * Exports are grouped by the file they come from: jobs, backups, catalogue,
 * primary, card sources, sync.
 *
 * @packageDocumentation
 */

export type { NotifyFunction, PokemonAlert } from './alerts.js';
export { notifyThrough } from './alerts.js';
export type { BackupResult, CreateBackupOptions } from './backup/create-backup.js';
export { createBackup } from './backup/create-backup.js';
export type { DiskSpace, DiskSpaceProbe } from './backup/disk-space.js';
export { statfsDiskSpace } from './backup/disk-space.js';
export { BackupVerificationError, InsufficientDiskSpaceError, TargetWriteError } from './backup/errors.js';
export type { BackupEntry, LastVerification } from './backup/list-backups.js';
export { listBackups } from './backup/list-backups.js';
export type { BackupManifest } from './backup/manifest.js';
export type { PlanRotationOptions, RotationPlan, RotationVerification } from './backup/plan-rotation.js';
export { planRotation } from './backup/plan-rotation.js';
export type { RestoreBackupOptions, RestoreResult } from './backup/restore-backup.js';
export { restoreBackup } from './backup/restore-backup.js';
export type { RetentionCandidate, RetentionDecision, RetentionPolicy, RetentionReason } from './backup/retention.js';
export { DEFAULT_RETENTION, selectBackupsToKeep } from './backup/retention.js';
export type { VerificationRecord } from './backup/verification-record.js';
export { verificationFileName } from './backup/verification-record.js';
export type { RecordedVerification, VerifyAndRecordOptions } from './backup/verify-and-record.js';
export { verifyAndRecord } from './backup/verify-and-record.js';
export type { BackupVerification, VerifyBackupOptions } from './backup/verify-backup.js';
export { verifyBackup } from './backup/verify-backup.js';
export type { CatalogDatabase, OpenCatalogOptions } from './catalog/open-catalog.js';
export { openCatalog } from './catalog/open-catalog.js';
export type { PokemonJobName, PokemonJobsConfig } from './config.js';
export { DEFAULT_SCHEDULES, POKEMON_JOB_NAMES } from './config.js';
export type { CreatePokemonJobsOptions } from './create-jobs.js';
export { createPokemonJobs } from './create-jobs.js';
export { CatalogueDataError, CatalogueNotReadyError, CatalogueSyncError, NotConfiguredError } from './errors.js';
export { isPermanentError, retryUnlessPermanent } from './failures/permanent.js';
export { PermanentJobError } from './failures/permanent-error.js';
export { ResourceError } from './failures/resource-error.js';
export type { HealthCheck, HealthReport, HealthStatus, HealthThresholds } from './health/check-types.js';
export { DEFAULT_HEALTH_THRESHOLDS } from './health/check-types.js';
export { HealthCheckCriticalError } from './health/errors.js';
export { IntegrityCheckFailedError } from './integrity/errors.js';
export type { IntegrityFinding, IntegrityReport } from './integrity/findings.js';
export { validateCatalog } from './integrity/validate.js';
export type {
  HistoryStoreSpec,
  PokemonJobsIsolation,
  PokemonWorkerConfig,
  SourceSpec,
} from './isolation/worker-config.js';
export type { CleanupResult } from './jobs/cleanup-stale-data.js';
export type { ReplicationNotConfigured } from './jobs/replicate-to-primary.js';
export type { RotateResult } from './jobs/rotate-backups.js';
export type { CompactResult } from './maintenance/compact-catalog.js';
export type { StaleFilesResult } from './maintenance/stale-temp-files.js';
export type { JsonObject, JsonValue, PokemonCard, PokemonSet } from './model.js';
export { migratePrimary, PRIMARY_SCHEMA_VERSION } from './primary/migrations.js';
export type { PrimaryPgCron } from './primary/pg-cron-maintenance.js';
export { ANALYZE_PRIMARY_JOB, primaryMaintenanceJobs, primaryPgCron } from './primary/pg-cron-maintenance.js';
export type { ReplicateOptions, ReplicationResult, TableReplication } from './primary/replicate.js';
export { replicateToPrimary } from './primary/replicate.js';
export type { ApiSourceOptions } from './sources/api.js';
export { apiSource, CardApiError } from './sources/api.js';
export type { BundledSourceOptions } from './sources/bundled.js';
export { bundledSnapshotPath, bundledSource } from './sources/bundled.js';
export type { DirectorySourceOptions } from './sources/directory.js';
export { directorySource } from './sources/directory.js';
export type { CardSource } from './sources/types.js';
export type { SyncCardsFailure, SyncCardsOptions, SyncCardsProgress, SyncCardsResult } from './sync/sync-cards.js';
export { syncCards } from './sync/sync-cards.js';
export type { SyncSetsResult } from './sync/sync-sets.js';
export { syncSets } from './sync/sync-sets.js';
