/**
 * Makes a stop end the command even when a job is stuck in a blocking call
 * that ignores its signal (a FIFO, a hung network mount).
 */
import { setTimeout as delay } from 'node:timers/promises';
import { ForcedStopError } from './errors.js';
import type { Runner } from './runner.js';
import { type ShutdownSignal, signalExitCode } from './signals.js';

/** How long the command may still take to finish (close its HTTP server, print) once the stop left runs behind. */
const FINISH_MARGIN_MS = 2_000;

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

function settle<T>(work: Promise<T>): Promise<Settled<T>> {
  return work.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}

function whenAborted(signal: AbortSignal, cleanup: (() => void)[]): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const onAbort = (): void => resolve();
    signal.addEventListener('abort', onAbort, { once: true });
    cleanup.push(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * Waits for `work` (a command on `runner`). When `shutdown` aborts, stops the
 * scheduler: running jobs are aborted, waited for up to the grace period, and
 * the ones still running are recorded `cancelled`. If some were (they ignored
 * their signal), `work` gets a short margin to finish, then the command ends
 * with a {@link ForcedStopError} whatever `work` does.
 */
export async function runUntilStopped<T>(runner: Runner, shutdown: AbortSignal, work: Promise<T>): Promise<T> {
  let stuck = 0;
  const cleanup: (() => void)[] = [
    runner.scheduler.on('scheduler:stopped', (event) => {
      stuck = event.cancelled;
    }),
  ];
  const settled = settle(work);
  try {
    const stopped = whenAborted(shutdown, cleanup).then(() => runner.scheduler.stop());
    const first = await Promise.race([settled, stopped.then(() => undefined)]);
    const outcome = first ?? (stuck === 0 ? await settled : await Promise.race([settled, delay(FINISH_MARGIN_MS)]));
    // Runs left behind may hold a thread in a blocking call: the process must not wait for it.
    if (stuck > 0 || outcome === undefined) throw forcedStop(runner, shutdown, stuck);
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  } finally {
    for (const step of cleanup) step();
  }
}

function forcedStop(runner: Runner, shutdown: AbortSignal, stuck: number): ForcedStopError {
  const signal: ShutdownSignal = shutdown.reason === 'SIGINT' ? 'SIGINT' : 'SIGTERM';
  runner.logger.warn(
    { stuck, graceMs: runner.config.shutdownGraceMs, signal },
    'runs still running after the grace period were recorded cancelled; ending the process without waiting for them',
  );
  return new ForcedStopError(stuck, signalExitCode(signal));
}
