import { abandonExpiredHolder } from './sql/abandon-expired-holder.js';
import { appendAttempt } from './sql/append-attempt.js';
import { deleteJob } from './sql/delete-job.js';
import { deleteState } from './sql/delete-state.js';
import { finishRun } from './sql/finish-run.js';
import { heartbeat } from './sql/heartbeat.js';
import { insertJob } from './sql/insert-job.js';
import { insertRun } from './sql/insert-run.js';
import { patchJob } from './sql/patch-job.js';
import { pruneKeepPerJob } from './sql/prune-keep-per-job.js';
import { pruneOlderThan } from './sql/prune-older-than.js';
import { reapExpiredRuns } from './sql/reap-expired-runs.js';
import { selectDurations } from './sql/select-durations.js';
import { selectHolder } from './sql/select-holder.js';
import { selectJob } from './sql/select-job.js';
import { selectJobs } from './sql/select-jobs.js';
import { selectLastSlot } from './sql/select-last-slot.js';
import { selectLatestRuns } from './sql/select-latest-runs.js';
import { selectNextLeaseExpiry } from './sql/select-next-lease-expiry.js';
import { selectNow } from './sql/select-now.js';
import { selectRun } from './sql/select-run.js';
import { selectRunning } from './sql/select-running.js';
import { selectRuns } from './sql/select-runs.js';
import { selectState } from './sql/select-state.js';
import { selectStatusCounts } from './sql/select-status-counts.js';
import { selectStreak } from './sql/select-streak.js';
import { updateJobSpec } from './sql/update-job-spec.js';
import { upsertState } from './sql/upsert-state.js';

/** Every SQL statement the store runs, by name (each lives in its own file under `sql/`). */
export const sql = {
  abandonExpiredHolder,
  appendAttempt,
  deleteJob,
  deleteState,
  finishRun,
  heartbeat,
  insertJob,
  insertRun,
  patchJob,
  pruneKeepPerJob,
  pruneOlderThan,
  reapExpiredRuns,
  selectDurations,
  selectHolder,
  selectJob,
  selectJobs,
  selectLastSlot,
  selectLatestRuns,
  selectNextLeaseExpiry,
  selectNow,
  selectRun,
  selectRunning,
  selectRuns,
  selectState,
  selectStatusCounts,
  selectStreak,
  updateJobSpec,
  upsertState,
} as const;
