import { stat } from 'node:fs/promises';
import Database from 'better-sqlite3';
import type { HealthCheck, HealthThresholds } from './check-types.js';

/** SQLite reachable + `quick_check`, file and WAL sizes, row counts. */
export async function checkSqlite(
  catalogPath: string,
  thresholds: HealthThresholds,
): Promise<HealthCheck & { counts?: { sets: number; cards: number } }> {
  const fileBytes = (await stat(catalogPath).catch(() => undefined))?.size;
  if (fileBytes === undefined) {
    return {
      name: 'sqlite',
      status: 'critical',
      message: `Catalogue ${catalogPath} does not exist`,
      details: { catalogPath },
    };
  }
  const walBytes = (await stat(`${catalogPath}-wal`).catch(() => undefined))?.size ?? 0;
  const started = performance.now();
  try {
    const db = new Database(catalogPath, { readonly: true, fileMustExist: true });
    try {
      db.pragma('busy_timeout = 5000');
      const quick = (db.pragma('quick_check(5)') as { quick_check: string }[]).map((r) => r.quick_check);
      const counts = {
        sets: db.prepare('SELECT count(*) FROM sets').pluck().get() as number,
        cards: db.prepare('SELECT count(*) FROM cards').pluck().get() as number,
      };
      const details = {
        catalogPath,
        fileBytes,
        walBytes,
        ...counts,
        quickCheckMs: Math.round(performance.now() - started),
      };
      if (quick.join() !== 'ok') {
        return {
          name: 'sqlite',
          status: 'critical',
          message: `quick_check failed: ${quick.join('; ')}`,
          details,
          counts,
        };
      }
      if (walBytes > thresholds.walWarnBytes) {
        return {
          name: 'sqlite',
          status: 'warning',
          message: `WAL is ${walBytes} bytes (> ${thresholds.walWarnBytes}): checkpoints are not keeping up`,
          details,
          counts,
        };
      }
      return {
        name: 'sqlite',
        status: 'ok',
        message: `quick_check ok, ${counts.cards} cards in ${counts.sets} sets`,
        details,
        counts,
      };
    } finally {
      db.close();
    }
  } catch (error) {
    return {
      name: 'sqlite',
      status: 'critical',
      message: `Cannot read ${catalogPath}: ${(error as Error).message}`,
      details: { catalogPath, fileBytes, walBytes },
    };
  }
}
