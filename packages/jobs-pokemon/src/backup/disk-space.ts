import { statfs } from 'node:fs/promises';

/** Free and total bytes of the file system holding a path. */
export interface DiskSpace {
  /** Bytes available to an unprivileged user. */
  freeBytes: number;
  /** Size of the file system. */
  totalBytes: number;
}

/**
 * Reports the disk space of the file system holding `path`. Injectable so
 * thresholds can be tested; the default is {@link statfsDiskSpace}.
 */
export type DiskSpaceProbe = (path: string) => Promise<DiskSpace>;

/** The real probe: `fs.statfs`. */
export const statfsDiskSpace: DiskSpaceProbe = async (path) => {
  const stats = await statfs(path);
  return { freeBytes: stats.bavail * stats.bsize, totalBytes: stats.blocks * stats.bsize };
};
