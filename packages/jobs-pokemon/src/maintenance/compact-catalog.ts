import { stat } from 'node:fs/promises';
import type { CatalogDatabase } from '../catalog/open-catalog.js';

/** What the catalogue compaction of `cleanup-stale-data` did. */
export interface CompactResult {
  /** Catalogue + WAL size before, bytes. */
  bytesBefore: number;
  /** After, bytes. */
  bytesAfter: number;
  /** `bytesBefore - bytesAfter` (never negative). */
  bytesReclaimed: number;
  /** Milliseconds per step. */
  timingsMs: { checkpoint: number; vacuum: number; analyze: number; optimize: number };
}

async function size(path: string): Promise<number> {
  const [main, wal] = await Promise.all([
    stat(path).catch(() => undefined),
    stat(`${path}-wal`).catch(() => undefined),
  ]);
  return (main?.size ?? 0) + (wal?.size ?? 0);
}

function timed(fn: () => void): number {
  const started = performance.now();
  fn();
  return Math.round(performance.now() - started);
}

/** WAL checkpoint (TRUNCATE), `VACUUM`, `ANALYZE`, `PRAGMA optimize`; measures the bytes reclaimed. */
export async function compactCatalog(db: CatalogDatabase, path: string): Promise<CompactResult> {
  const bytesBefore = await size(path);
  const timingsMs = {
    checkpoint: timed(() => db.pragma('wal_checkpoint(TRUNCATE)')),
    vacuum: timed(() => db.exec('VACUUM')),
    analyze: timed(() => db.exec('ANALYZE')),
    optimize: timed(() => db.pragma('optimize')),
  };
  // VACUUM in WAL mode writes through the WAL: fold it back in before measuring.
  db.pragma('wal_checkpoint(TRUNCATE)');
  const bytesAfter = await size(path);
  return { bytesBefore, bytesAfter, bytesReclaimed: Math.max(0, bytesBefore - bytesAfter), timingsMs };
}
