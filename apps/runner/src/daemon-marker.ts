/**
 * The marker a running daemon keeps beside the catalogue
 * (`<POKEMON_CRON_DB>.daemon.json`: host, pid, instance id, start time), so
 * `backups restore` can refuse to swap the catalogue under it.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, resolve } from 'node:path';

/** What a daemon writes in its marker. */
export interface DaemonMarker {
  /** Host the daemon runs on. */
  host: string;
  /** Its process id on that host. */
  pid: number;
  /** Its scheduler instance id. */
  instanceId: string;
  /** When it started, ISO 8601. */
  startedAt: string;
}

/** The marker file of the daemon using `catalogPath`. */
export function daemonMarkerPath(catalogPath: string): string {
  return `${resolve(catalogPath)}.daemon.json`;
}

/**
 * Writes the marker; returns the function that removes it (on stop). A marker
 * that cannot be written (read-only directory) is not fatal: `onError` is told.
 */
export async function holdDaemonMarker(
  catalogPath: string,
  instanceId: string,
  onError: (error: Error) => void,
): Promise<() => Promise<void>> {
  const path = daemonMarkerPath(catalogPath);
  const marker: DaemonMarker = { host: hostname(), pid: process.pid, instanceId, startedAt: new Date().toISOString() };
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, `${JSON.stringify(marker)}\n`, { mode: 0o644 });
  } catch (error) {
    onError(error as Error);
    return async () => {};
  }
  return async () => {
    // Only our own marker: another daemon may have taken over the catalogue since.
    const current = await readMarker(path);
    if (current?.pid === marker.pid && current.host === marker.host) await rm(path, { force: true });
  };
}

async function readMarker(path: string): Promise<DaemonMarker | undefined> {
  try {
    const value = JSON.parse(await readFile(path, 'utf8')) as Partial<DaemonMarker>;
    return typeof value.pid === 'number' && typeof value.host === 'string' ? (value as DaemonMarker) : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The daemon using `catalogPath`, if one is running: a marker whose process is
 * alive on this host, or any marker from another host (its process cannot be
 * checked from here). A marker left by a killed daemon on this host is ignored.
 */
export async function findRunningDaemon(catalogPath: string): Promise<DaemonMarker | undefined> {
  const marker = await readMarker(daemonMarkerPath(catalogPath));
  if (!marker) return undefined;
  if (marker.host !== hostname()) return marker;
  return marker.pid !== process.pid && isAlive(marker.pid) ? marker : undefined;
}
