import { dirname } from 'node:path';
import type { DiskSpaceProbe } from '../backup/disk-space.js';
import type { HealthCheck, HealthThresholds } from './check-types.js';

const percent = (ratio: number): string => `${(ratio * 100).toFixed(1)}%`;

/** Free disk space of the catalogue's file system: warn below 10%, critical below 5% (defaults). */
export async function checkDisk(
  catalogPath: string,
  probe: DiskSpaceProbe,
  thresholds: HealthThresholds,
): Promise<HealthCheck> {
  const path = dirname(catalogPath);
  try {
    const { freeBytes, totalBytes } = await probe(path);
    const freeRatio = totalBytes > 0 ? freeBytes / totalBytes : 0;
    const details = { path, freeBytes, totalBytes, freeRatio: Math.round(freeRatio * 10_000) / 10_000 };
    const seen = `${percent(freeRatio)} free (${freeBytes} of ${totalBytes} bytes) on ${path}`;
    if (freeRatio < thresholds.diskCriticalFreeRatio) {
      return {
        name: 'disk',
        status: 'critical',
        message: `${seen} < ${percent(thresholds.diskCriticalFreeRatio)}`,
        details,
      };
    }
    if (freeRatio < thresholds.diskWarnFreeRatio) {
      return {
        name: 'disk',
        status: 'warning',
        message: `${seen} < ${percent(thresholds.diskWarnFreeRatio)}`,
        details,
      };
    }
    return { name: 'disk', status: 'ok', message: seen, details };
  } catch (error) {
    return {
      name: 'disk',
      status: 'warning',
      message: `Cannot measure free space of ${path}: ${(error as Error).message}`,
      details: { path },
    };
  }
}
