import { type BackupEntry, listBackups } from './list-backups.js';
import { type RetentionDecision, type RetentionPolicy, selectBackupsToKeep } from './retention.js';
import { verifyAndRecord } from './verify-and-record.js';

/** Options of {@link planRotation}. */
export interface PlanRotationOptions {
  /** Counts per tier. */
  policy: RetentionPolicy;
  /** The current time (retention windows and verification records). */
  now: () => number;
  /** Directory of the temporary copies made by verification. @default os.tmpdir() */
  tempDir?: string;
  /** Aborts between and inside verifications. */
  signal?: AbortSignal;
}

/** One verification made while planning. */
export interface RotationVerification {
  /** Backup file name. */
  name: string;
  /** It passed. */
  ok: boolean;
  /** Why it failed, `null` when it passed. */
  reason: string | null;
}

/** What {@link planRotation} decided, and the verifications it ran to decide it. */
export interface RotationPlan extends RetentionDecision<BackupEntry> {
  /** Verifications run (and recorded) while planning, in order. */
  verifications: RotationVerification[];
}

/**
 * Decides which backups to keep without trusting the `verified` flag of
 * creation: first every backup never verified is verified, then, as long as
 * a backup that {@link selectBackupsToKeep} keeps in a tier (or as the newest
 * verified one) has not been verified in this rotation, it is verified and the
 * selection recomputed. A backup that fails no longer counts, so the next good
 * one takes its place. Each outcome is recorded beside the backup. Deletes nothing.
 *
 * @throws when a backup cannot be verified for a reason that is not its own
 *   (e.g. the temp directory is full): nothing should be deleted then
 */
export async function planRotation(backupDir: string, options: PlanRotationOptions): Promise<RotationPlan> {
  const backups = await listBackups(backupDir);
  const checked = new Set<string>();
  const verifications: RotationVerification[] = [];
  const check = async (backup: BackupEntry): Promise<void> => {
    options.signal?.throwIfAborted();
    const { record } = await verifyAndRecord(backup.path, options);
    checked.add(backup.name);
    backup.verified = record.ok;
    backup.lastVerification = { ok: record.ok, at: new Date(record.at), reason: record.reason, source: 'verify' };
    verifications.push({ name: backup.name, ok: record.ok, reason: record.reason });
  };
  for (const backup of backups) if (backup.lastVerification.source === 'none') await check(backup);
  for (;;) {
    const decision = selectBackupsToKeep(backups, options.policy, new Date(options.now()));
    const relied = decision.keep.filter((b) => b.verified && b.reason !== 'future' && !checked.has(b.name));
    if (relied.length === 0) return { ...decision, verifications };
    for (const kept of relied) await check(backups.find((b) => b.name === kept.name)!);
  }
}
