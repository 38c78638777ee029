/**
 * Progress of the runs a command waits for: a bar per run on a terminal
 * (fed by the progress jobs report through `ctx.heartbeat`), log lines elsewhere.
 */
import type { RunRecord, Scheduler, Store } from '@pokemon/scheduler';
import { SingleBar } from 'cli-progress';
import type { OutputStream } from '../context.js';
import type { PinoLogger } from '../logging.js';
import { formatDuration, summarize } from './format.js';

const POLL_MS = 200;

/** `{ done, total }`-like progress (also `completed`/`current`/`processed`), or `undefined`. */
export function progressRatio(progress: unknown): { value: number; total: number } | undefined {
  if (progress === null || typeof progress !== 'object') return undefined;
  const p = progress as Record<string, unknown>;
  const value = [p.done, p.completed, p.current, p.processed].find((v) => typeof v === 'number');
  const total = p.total;
  if (typeof value !== 'number' || typeof total !== 'number' || total <= 0) return undefined;
  return { value, total };
}

/** Options of {@link watchRuns}. */
export interface WatchOptions {
  scheduler: Scheduler;
  store: Store;
  logger: PinoLogger;
  /** Where bars and summary lines go (stderr). */
  stream: OutputStream;
  /** Draw bars (a terminal and not `--json`). */
  interactive: boolean;
}

/** Follows runs until the returned function is called; collects every finished run. */
export function watchRuns(options: WatchOptions): { finished: RunRecord[]; stop(): void } {
  const { scheduler, store, logger, stream, interactive } = options;
  const finished: RunRecord[] = [];
  let bar: SingleBar | undefined;
  let poll: ReturnType<typeof setInterval> | undefined;
  const clear = (): void => {
    if (poll) clearInterval(poll);
    bar?.stop();
    poll = undefined;
    bar = undefined;
  };
  const offStart = scheduler.on('run:start', (event) => {
    logger.info({ job: event.job, runId: event.runId, attempt: event.attempt, trigger: event.trigger }, 'run started');
    if (!interactive) return;
    clear();
    bar = new SingleBar({
      format: `${event.job} [{bar}] {percentage}% {value}/{total}`,
      stream: stream as NodeJS.WritableStream,
      hideCursor: true,
      clearOnComplete: true,
    });
    bar.start(1, 0);
    poll = setInterval(() => {
      void store.getRun(event.runId).then((run) => {
        const ratio = progressRatio(run?.progress);
        if (ratio && bar) {
          bar.setTotal(ratio.total);
          bar.update(ratio.value);
        }
      });
    }, POLL_MS);
  });
  const offFinished = scheduler.on('run:finished', ({ run }) => {
    finished.push(run);
    clear();
    const fields = { job: run.job, runId: run.id, status: run.status, durationMs: run.durationMs };
    if (run.status === 'succeeded') logger.info({ ...fields, result: run.result }, 'run finished');
    else logger.warn({ ...fields, reason: run.reason, error: run.error }, 'run finished');
    if (interactive) {
      const mark = run.status === 'succeeded' ? '✔' : '✖';
      const detail = run.error?.message ?? run.reason ?? summarize(run.result, 100);
      stream.write(`${mark} ${run.job} ${run.status} in ${formatDuration(run.durationMs)}  ${detail}\n`);
    }
  });
  return {
    finished,
    stop: () => {
      clear();
      offStart();
      offFinished();
    },
  };
}
