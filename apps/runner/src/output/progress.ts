/**
 * Progress of the runs a command waits for: a bar per run on a terminal
 * (fed by the scheduler's `run:progress-reported` events: the progress jobs report through
 * `ctx.heartbeat`), log lines elsewhere; a failed attempt that will be retried is a line in both.
 */
import type { RunRecord } from '@pokemon/scheduler';
import { SingleBar } from 'cli-progress';
import type { OutputStream } from '../context.js';
import type { PinoLogger } from '../logging.js';
import type { Runner } from '../runner.js';
import { formatDuration } from './format.js';
import { describeResult } from './result-words.js';

/**
 * A `{ value, total }` ratio from the progress a job reported: `{ done, total }`
 * (or `completed`/`current`/`processed` with `total`), or a `<x>Done`/`<x>Total`
 * pair such as `{ setsDone, setsTotal }`. `undefined` when there is none.
 */
export function progressRatio(progress: unknown): { value: number; total: number } | undefined {
  if (progress === null || typeof progress !== 'object') return undefined;
  const p = progress as Record<string, unknown>;
  const pairs: [unknown, unknown][] = [
    ...['done', 'completed', 'current', 'processed'].map((key): [unknown, unknown] => [p[key], p.total]),
    ...Object.keys(p)
      .filter((key) => key.endsWith('Done'))
      .map((key): [unknown, unknown] => [p[key], p[`${key.slice(0, -4)}Total`]]),
  ];
  for (const [value, total] of pairs) {
    if (typeof value === 'number' && typeof total === 'number' && total > 0) return { value, total };
  }
  return undefined;
}

/** A wait in words: whole seconds as `30 s`, else as {@link formatDuration}. */
function formatDelay(ms: number): string {
  return ms >= 1000 && ms < 60_000 && ms % 1000 === 0 ? `${ms / 1000} s` : formatDuration(ms);
}

/** `attempt 1 failed: <message>; retrying in 30 s`: what a retry means, for a terminal or a log line. */
export function retryLine(event: { attempt: number; delayMs: number; error: { message: string } }): string {
  return `attempt ${event.attempt} failed: ${event.error.message}; retrying in ${formatDelay(event.delayMs)}`;
}

/** Options of {@link watchRuns}. */
interface WatchOptions {
  /** The runner whose runs are followed. */
  runner: Pick<Runner, 'scheduler'>;
  /** Where log lines go when not interactive. */
  logger: PinoLogger;
  /** Where bars and summary lines go (stderr). */
  stream: OutputStream;
  /** Draw bars (a terminal and not `--json`). */
  interactive: boolean;
}

/** Follows runs until the returned function is called; collects every finished run. */
export function watchRuns(options: WatchOptions): { finished: RunRecord[]; stop(): void } {
  const { runner, logger, stream, interactive } = options;
  const { scheduler } = runner;
  const finished: RunRecord[] = [];
  let bar: SingleBar | undefined;
  let barRunId: string | undefined;
  const clear = (): void => {
    bar?.stop();
    bar = undefined;
    barRunId = undefined;
  };
  const offProgress = scheduler.on('run:progress-reported', ({ runId, progress }) => {
    const ratio = progressRatio(progress);
    if (!bar || runId !== barRunId || !ratio) return;
    bar.setTotal(ratio.total);
    bar.update(ratio.value);
    // The job may not yield to timers between batches: draw now rather than on the bar's timer.
    bar.render();
  });
  const offStart = scheduler.on('run:started', (event) => {
    if (!interactive) {
      logger.info(
        { job: event.job, runId: event.runId, attempt: event.attempt, trigger: event.trigger },
        'run started',
      );
      return;
    }
    clear();
    bar = new SingleBar({
      format: `${event.job} [{bar}] {percentage}% {value}/{total}`,
      stream: stream as NodeJS.WritableStream,
      hideCursor: true,
      clearOnComplete: true,
    });
    bar.start(1, 0);
    barRunId = event.runId;
  });
  const offRetry = scheduler.on('run:retry-scheduled', (event) => {
    const line = retryLine(event);
    if (!interactive) {
      logger.warn(
        { job: event.job, runId: event.runId, attempt: event.attempt, delayMs: event.delayMs, error: event.error },
        line,
      );
      return;
    }
    clear();
    stream.write(`↻ ${event.job} ${line}\n`);
  });
  const offFinished = scheduler.on('run:finished', ({ run }) => {
    finished.push(run);
    clear();
    const fields = { job: run.job, runId: run.id, status: run.status, durationMs: run.durationMs };
    if (!interactive) {
      if (run.status === 'succeeded') logger.info({ ...fields, result: run.result }, 'run finished');
      else logger.warn({ ...fields, reason: run.reason, error: run.error }, 'run finished');
    } else {
      const mark = run.status === 'succeeded' ? '✔' : '✖';
      const detail = run.error?.message ?? run.reason ?? describeResult(run.result);
      stream.write(`${mark} ${run.job} ${run.status} in ${formatDuration(run.durationMs)}  ${detail}\n`);
    }
  });
  return {
    finished,
    stop: () => {
      clear();
      offStart();
      offRetry();
      offFinished();
      offProgress();
    },
  };
}
