import { type Clock, type JobContext, type Logger, systemClock } from '@pokemon/scheduler';
import { type NotifyFunction, notifyThrough, type PokemonAlert } from './alerts.js';
import { type DiskSpaceProbe, statfsDiskSpace } from './backup/disk-space.js';
import { catalogueError, isSqliteError } from './catalog/catalog-errors.js';
import { type CatalogDatabase, openCatalog } from './catalog/open-catalog.js';
import type { PokemonJobsConfig } from './config.js';
import { NotConfiguredError } from './errors.js';
import type { PokemonJobsIsolation } from './isolation/worker-config.js';
import { bundledSource } from './sources/bundled.js';
import type { CardSource } from './sources/types.js';

/** Logs nothing: the jobs' logger when the config gives none. */
const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** What the jobs share: the resolved configuration and a few helpers. */
export interface PokemonServices {
  config: PokemonJobsConfig;
  /** When set, the jobs run in workers (see `definePokemonJob`). */
  isolation: PokemonJobsIsolation | undefined;
  source: CardSource;
  clock: Clock;
  logger: Logger;
  diskSpace: DiskSpaceProbe;
  /** Opens the catalogue for the duration of `fn`, then closes it. */
  withCatalog<T>(fn: (db: CatalogDatabase) => Promise<T> | T): Promise<T>;
  /** The backup directory, or a NotConfiguredError. */
  requireBackupDir(): string;
  /** Sends an alert; a failing notifier is logged, never thrown. */
  alert(ctx: JobContext, alert: Omit<PokemonAlert, 'job' | 'runId' | 'createdAtMs'>): Promise<void>;
  /** Sends a finished alert (one raised in an isolated job's worker) to `notify`, or logs it on `logger` without one. */
  deliver(alert: PokemonAlert): Promise<void>;
}

/** Builds the services from a config. */
export function createServices(config: PokemonJobsConfig, isolation?: PokemonJobsIsolation): PokemonServices {
  if (typeof config.catalogPath !== 'string' || config.catalogPath === '') {
    throw new TypeError('Expected `catalogPath` to be the path of the catalogue SQLite file (runner: POKEMON_CRON_DB)');
  }
  const logger = config.logger ?? silentLogger;
  const notify = config.notify ?? (config.notifier ? notifyThrough(config.notifier) : undefined);
  return {
    config,
    isolation,
    source: config.source ?? bundledSource(),
    clock: config.clock ?? systemClock,
    logger,
    diskSpace: config.diskSpace ?? statfsDiskSpace,
    async withCatalog(fn) {
      const db = openCatalog(config.catalogPath);
      try {
        return await fn(db);
      } catch (error) {
        // A write that fails (disk full, read-only) names the file, not just SQLite's words.
        throw isSqliteError(error) ? catalogueError(config.catalogPath, error, false) : error;
      } finally {
        db.close();
      }
    },
    requireBackupDir() {
      if (!config.backupDir) {
        throw new NotConfiguredError(
          'backupDir',
          'No backup directory configured: set `backupDir` (runner: POKEMON_CRON_BACKUP_DIR)',
        );
      }
      return config.backupDir;
    },
    alert(ctx, partial) {
      const alert: PokemonAlert = { ...partial, job: ctx.job, runId: ctx.runId, createdAtMs: ctx.now() };
      return deliverAlert(alert, notify, ctx.logger, logger);
    },
    deliver(alert) {
      return deliverAlert(alert, notify, logger, logger);
    },
  };
}

/** Sends `alert` through `notify`, or logs it on `runLogger` without one; a failing notify is logged, never thrown. */
async function deliverAlert(
  alert: PokemonAlert,
  notify: NotifyFunction | undefined,
  runLogger: Logger,
  logger: Logger,
): Promise<void> {
  const log = alert.severity === 'critical' ? runLogger.error : runLogger.warn;
  if (!notify) {
    log.call(runLogger, alert.title, { key: alert.key, severity: alert.severity, ...alert.fields });
    return;
  }
  try {
    await notify(alert);
  } catch (error) {
    runLogger.error('notify failed; alert logged instead', {
      key: alert.key,
      title: alert.title,
      error: (error as Error).message,
    });
    logger.error(alert.title, { key: alert.key, severity: alert.severity });
  }
}
