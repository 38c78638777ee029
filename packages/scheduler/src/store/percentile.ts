/**
 * Nearest-rank percentile of ascending `sorted` values (`p` in 0..100):
 * the smallest value with at least `p` % of the values at or below it.
 * This is PostgreSQL's `percentile_disc(p / 100)`.
 */
export function percentile(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}
