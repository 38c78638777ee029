/**
 * The daemon behind `cron-runner start`: metrics, the optional HTTP server,
 * the scheduler, and the two-phase shutdown (abort, wait the grace period, record leftovers; a second signal forces).
 */

import { type ConsoleHandler, createConsole } from '@pokemon/console';
import { consoleTokens } from './console-tokens.js';
import { holdDaemonMarker } from './daemon-marker.js';
import { createMetrics } from './http/metrics.js';
import { type RunnerHttpServer, startHttpServer } from './http/server.js';
import { toLibraryLogger } from './logging.js';
import type { Runner } from './runner.js';
import { describeStore } from './store.js';
import { claimTimezone, liveInstanceList } from './timezone-guard.js';
import { VERSION } from './version.js';

/** A started daemon. */
export interface Daemon {
  /** The HTTP server's URL, when one was asked for. */
  readonly httpUrl: string | undefined;
  /** Stops gracefully: no new claims, abort running jobs, wait up to the grace period, record leftovers `cancelled`. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Logs each run event once. Clock jumps, late timers, clock skew, abandoned
 * runs and loop errors are not here: the library logs those itself, through
 * the same logger.
 */
function logEvents(runner: Runner): () => void {
  const { scheduler, logger } = runner;
  const offs = [
    scheduler.on('run:started', (e) =>
      logger.info(
        { job: e.job, runId: e.runId, attempt: e.attempt, trigger: e.trigger, latenessMs: e.latenessMs },
        'run started',
      ),
    ),
    scheduler.on('run:retry-scheduled', (e) =>
      logger.warn(
        { job: e.job, runId: e.runId, attempt: e.attempt, delayMs: e.delayMs, error: e.error },
        'run will retry',
      ),
    ),
    scheduler.on('run:succeeded', (e) =>
      logger.info({ job: e.job, runId: e.runId, durationMs: e.durationMs, result: e.run.result }, 'run succeeded'),
    ),
    scheduler.on('run:failed', (e) => {
      // A cancelled run (a stop, a replacement) is an outcome, not an error: no stack.
      if (e.run.status === 'cancelled') {
        logger.warn({ job: e.job, runId: e.runId, reason: e.run.reason, error: e.error.message }, 'run cancelled');
      } else {
        logger.error({ job: e.job, runId: e.runId, status: e.run.status, error: e.error }, 'run failed');
      }
    }),
    scheduler.on('run:skipped', (e) => logger.info({ job: e.job, runId: e.runId, reason: e.reason }, 'run skipped')),
    scheduler.on('run:missed', (e) =>
      logger.warn({ job: e.job, runId: e.runId, scheduledFor: e.scheduledFor }, 'slot missed'),
    ),
  ];
  return () => {
    for (const off of offs) off();
  };
}

/** What a stop did: runs it cancelled (on their signal or, `stuck`, recorded after the grace period). */
interface StopTally {
  readonly cancelled: number;
  readonly stuck: number;
  off(): void;
}

function tallyStop(runner: Runner): StopTally {
  let cancelled = 0;
  let stuck = 0;
  const offs = [
    runner.scheduler.on('run:failed', (e) => {
      if (e.run.status === 'cancelled' && e.run.reason === 'shutdown') cancelled += 1;
    }),
    runner.scheduler.on('scheduler:stopped', (e) => {
      stuck = e.cancelled;
    }),
  ];
  return {
    get cancelled() {
      return cancelled;
    },
    get stuck() {
      return stuck;
    },
    off: () => {
      for (const off of offs) off();
    },
  };
}

/** The web console over the runner's scheduler and store; closed with the HTTP server. */
async function startConsole(runner: Runner): Promise<ConsoleHandler> {
  const tokens = await consoleTokens(runner.config);
  if (tokens.length === 0) {
    runner.logger.warn(
      'no console token configured: the console and its API refuse every request (set POKEMON_CRON_CONSOLE_TOKENS or POKEMON_CRON_ADMIN_TOKEN)',
    );
  }
  return createConsole({
    scheduler: runner.scheduler,
    store: runner.store,
    tokens,
    logger: toLibraryLogger(runner.logger),
    instances: async () =>
      (await liveInstanceList(runner)).map(({ id, lastSeenAt, timezone }) => ({
        id,
        lastSeenAt,
        details: { timezone, ...(id === runner.scheduler.instanceId ? { version: VERSION } : {}) },
      })),
  });
}

/**
 * Starts the daemon on `runner`: metrics, the HTTP server when
 * `config.http.port` is set (before the scheduler, so `/healthz` answers during
 * catch-up), then the scheduler.
 */
export async function startDaemon(runner: Runner): Promise<Daemon> {
  const { config, logger, scheduler } = runner;
  // Before anything listens: instances on one store must agree on the timezone of their slots.
  const timezone = await claimTimezone(runner);
  const offLogs = logEvents(runner);
  const tally = tallyStop(runner);
  const metrics = await createMetrics(
    scheduler,
    runner.store,
    runner.jobs.map((job) => job.name),
  );
  let started = false;
  let http: RunnerHttpServer | undefined;
  if (config.http.port !== undefined) {
    http = await startHttpServer(runner, {
      host: config.http.host,
      port: config.http.port,
      console: await startConsole(runner),
      registry: metrics.registry,
      isStarted: () => started,
    });
    logger.info({ url: http.url }, 'http server listening');
  }
  // Tells `backups restore` a daemon uses the catalogue.
  const releaseMarker = await holdDaemonMarker(config.catalogPath, scheduler.instanceId, (error) =>
    logger.warn(
      { error: error.message },
      'cannot write the daemon marker beside the catalogue; `backups restore` will not see this daemon',
    ),
  );
  let plan: Awaited<ReturnType<typeof scheduler.start>>;
  try {
    plan = await scheduler.start();
  } catch (error) {
    // Nothing is left listening when the start fails (store unreachable, bad override...).
    await releaseMarker();
    metrics.close();
    offLogs();
    tally.off();
    await http?.close();
    await timezone.release();
    throw error;
  }
  started = true;
  logger.info(
    {
      instanceId: scheduler.instanceId,
      store: describeStore(config.store),
      jobs: runner.jobs.length,
      added: plan.added,
      changed: plan.changed,
      removed: plan.removed,
    },
    'scheduler started',
  );
  let stopping: Promise<void> | undefined;
  return {
    httpUrl: http?.url,
    stop: () => {
      stopping ??= (async () => {
        started = false;
        logger.info({ graceMs: config.shutdownGraceMs }, 'stopping: no new runs; waiting for running jobs');
        await scheduler.stop();
        tally.off();
        metrics.close();
        offLogs();
        await http?.close();
        await releaseMarker();
        await timezone.release();
        // `stuck`: still running after the grace period, recorded cancelled without waiting for them.
        logger.info({ cancelled: tally.cancelled, stuck: tally.stuck }, 'stopped');
      })();
      return stopping;
    },
  };
}
