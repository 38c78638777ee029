// biome-ignore-all assist/source/organizeImports: the curated public surface is grouped by concern, not sorted
/**
 * `@pokemon/scheduler/store`: what a store author needs. The {@link Store}
 * contract with its record, query and plan types, {@link StoreError}, and the
 * helpers the built-in stores share so a custom store answers exactly as they
 * do: history cursors, page sizes, query normalisation, job reconciliation and
 * job statistics.
 *
 * Prove a store correct with the conformance suite,
 * `describeStoreContract` from `@pokemon/scheduler/store-contract`.
 *
 * @packageDocumentation
 */

// --- the contract
export type {
  AuditAction,
  AuditActor,
  AuditEntry,
  AuditEntryInput,
  AuditPage,
  AuditPruneOptions,
  AuditQuery,
  CircuitState,
  ClaimHolder,
  ClaimRequest,
  ClaimResult,
  FinalRunStatus,
  FinishRequest,
  ImportedRun,
  JobPlan,
  JobSpec,
  JobState,
  JobStatePatch,
  JobStats,
  ListJobsOptions,
  PruneOptions,
  ReapResult,
  RunAttempt,
  RunPage,
  RunQuery,
  RunRecord,
  RunStatus,
  RunTrigger,
  Store,
  StoreChange,
  StoreChangeListener,
  StoreWatch,
} from './store/types.js';
export { StoreError } from './core/errors.js';
export type { SerializedError } from './core/serialized-error.js';

// --- helpers shared by the built-in stores
export { decodeCursor, encodeCursor } from './store/cursor.js';
export { AUDIT_ACTIONS } from './store/audit-types.js';
export { RUN_STATUSES, RUN_TRIGGERS } from './store/run-status.js';
export { auditEntryOf, auditQueryFilter, auditRow, decodeAuditCursor, encodeAuditCursor } from './store/audit-query.js';
export type { AuditCursor, AuditQueryFilter, AuditQueryShape, AuditRow } from './store/audit-query.js';
export type { RunCursor } from './store/cursor.js';
export { pageLimit } from './store/page-limit.js';
export { runsQueryFilter } from './store/runs-query.js';
export type { RunsQueryFilter, RunsQueryShape } from './store/runs-query.js';
export { planJobs } from './store/job-plan.js';
export type { JobReconciliation } from './store/job-plan.js';
export { assembleJobStats } from './store/job-stats.js';
export type { JobStatsParts } from './store/job-stats.js';
export { percentile } from './store/percentile.js';
