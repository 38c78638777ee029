/** A backup as seen by {@link selectBackupsToKeep}. */
export interface RetentionCandidate {
  /** File name (identity). */
  name: string;
  /** When it was taken. */
  createdAt: Date;
  /** Known good: its last verification passed. `false` when it failed (or it was never verified). */
  verified: boolean;
}

/** How many backups each tier keeps. */
export interface RetentionPolicy {
  /** Newest backup of each of this many most recent days. @default 7 */
  daily: number;
  /** Then the newest backup of each of this many earlier ISO weeks (Monday–Sunday, UTC). @default 4 */
  weekly: number;
  /** Then the newest backup of each of this many earlier calendar months (UTC). @default 3 */
  monthly: number;
}

/** Why a backup is kept. */
export type RetentionReason =
  | 'daily'
  | 'weekly'
  | 'monthly'
  | 'newest-verified'
  | 'future'
  | 'failed-verification'
  | 'no-verified-backup';

/** Result of {@link selectBackupsToKeep}. */
export interface RetentionDecision<T extends RetentionCandidate> {
  /** Backups to keep, newest first, each with why. */
  keep: (T & { reason: RetentionReason })[];
  /** Backups to delete, newest first. */
  remove: T[];
}

/** The default policy: 7 daily, 4 weekly, 3 monthly. */
export const DEFAULT_RETENTION: RetentionPolicy = { daily: 7, weekly: 4, monthly: 3 };

const DAY_MS = 86_400_000;

const dayKey = (d: Date): string => d.toISOString().slice(0, 10);
const monthKey = (d: Date): string => d.toISOString().slice(0, 7);
function weekKey(d: Date): string {
  const day = Math.floor(d.getTime() / DAY_MS);
  // 1970-01-01 was a Thursday: shift so weeks start on Monday.
  return String(Math.floor((day + 3) / 7));
}

/**
 * Grandfather-father-son retention, pure: the newest verified backup of each
 * of the `daily` most recent days; then, among older backups, the newest of
 * each of `weekly` ISO weeks; then, among older still, the newest of each of
 * `monthly` months. Tiers cascade, so a year of daily backups keeps exactly
 * daily + weekly + monthly files. The newest verified backup is always kept;
 * backups dated after `now` (clock skew) are kept.
 *
 * `verified` means known good (the last verification passed). A backup that
 * is not (its verification failed, or it never ran) never counts toward a
 * tier and never displaces a good one: it is kept for inspection while it is
 * younger than `daily` days (reason `failed-verification`), then removed. When
 * no backup is verified at all, nothing is removed (`no-verified-backup`): a
 * broken verification can never empty the directory.
 *
 * @param backups - candidates, any order
 * @param policy - counts per tier
 * @param now - the current time
 */
export function selectBackupsToKeep<T extends RetentionCandidate>(
  backups: readonly T[],
  policy: RetentionPolicy = DEFAULT_RETENTION,
  now: Date = new Date(),
): RetentionDecision<T> {
  for (const [tier, count] of Object.entries(policy)) {
    if (!Number.isInteger(count) || count < 0) {
      throw new TypeError(`Expected retention \`${tier}\` to be a non-negative integer, got ${String(count)}`);
    }
  }
  const sorted = [...backups].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const reasons = new Map<string, RetentionReason>();
  const past = sorted.filter((b) => {
    if (b.createdAt.getTime() > now.getTime()) reasons.set(b.name, 'future');
    return b.createdAt.getTime() <= now.getTime();
  });
  const verified = past.filter((b) => b.verified);
  const newestVerified = verified[0];
  let remaining = verified;
  const tiers: [RetentionReason, number, (d: Date) => string][] = [
    ['daily', policy.daily, dayKey],
    ['weekly', policy.weekly, weekKey],
    ['monthly', policy.monthly, monthKey],
  ];
  for (const [reason, count, key] of tiers) {
    const buckets = new Set<string>();
    let oldestKept: T | undefined;
    for (const backup of remaining) {
      if (buckets.size >= count) break;
      const bucket = key(backup.createdAt);
      if (buckets.has(bucket)) continue;
      buckets.add(bucket);
      reasons.set(backup.name, reason);
      oldestKept = backup;
    }
    // The next tier looks only at backups older than everything this tier kept.
    if (oldestKept) remaining = remaining.filter((b) => b.createdAt.getTime() < oldestKept.createdAt.getTime());
  }
  if (newestVerified && !reasons.has(newestVerified.name)) reasons.set(newestVerified.name, 'newest-verified');
  const inspectUntil = now.getTime() - policy.daily * DAY_MS;
  for (const backup of past) {
    if (backup.verified) continue;
    if (!newestVerified) reasons.set(backup.name, 'no-verified-backup');
    else if (backup.createdAt.getTime() > inspectUntil) reasons.set(backup.name, 'failed-verification');
  }
  return {
    keep: sorted.filter((b) => reasons.has(b.name)).map((b) => ({ ...b, reason: reasons.get(b.name)! })),
    remove: sorted.filter((b) => !reasons.has(b.name)),
  };
}
