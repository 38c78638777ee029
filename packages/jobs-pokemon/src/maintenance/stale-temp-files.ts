import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { TEMP_PREFIX } from '../backup/names.js';

/** Temp files removed by `cleanup-stale-data`. */
export interface StaleFilesResult {
  /** Files removed. */
  removed: string[];
  /** Their total size. */
  bytes: number;
}

/**
 * Removes this package's temp files (`.tmp-pokemon-*`, left by a crash during a
 * backup, verification or restore) older than `olderThanMs` in `dirs`.
 */
export async function removeStaleTempFiles(
  dirs: readonly string[],
  nowMs: number,
  olderThanMs: number,
): Promise<StaleFilesResult> {
  const result: StaleFilesResult = { removed: [], bytes: 0 };
  for (const dir of new Set(dirs)) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      if (!name.startsWith(TEMP_PREFIX)) continue;
      const path = join(dir, name);
      const info = await stat(path).catch(() => undefined);
      if (!info?.isFile() || nowMs - info.mtimeMs < olderThanMs) continue;
      await rm(path, { force: true });
      result.removed.push(path);
      result.bytes += info.size;
    }
  }
  return result;
}
