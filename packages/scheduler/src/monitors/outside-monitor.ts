import { adoptClock, type Clock } from '../core/clock.js';
import type { ObservedRun, RunObserver } from '../run/observer.js';
import type { RunRecord, RunTrigger } from '../store/types.js';
import type { MonitorDelivery, PingRequest } from './delivery.js';

/**
 * A monitor outside the scheduler (Healthchecks, Sentry Crons) told when each run starts and
 * ends, so that a runner that dies, hangs or stops running a job is noticed by something that
 * does not die with it. Give it to `createScheduler({ observers })`.
 */
export interface OutsideMonitor extends RunObserver {
  /** Waits for the pings under way (each bounded by its attempts and time limits): call it after `stop()`. */
  flush(): Promise<void>;
}

/** What each monitor sends. @internal */
export interface MonitorProtocol {
  /** The ping when a run's first attempt starts, or `undefined` when the job is not monitored. */
  started(run: ObservedRun): PingRequest | undefined;
  /** The ping when a started run ends with `record` (`undefined`: nothing to send, e.g. a lost run). */
  ended(run: ObservedRun, record: RunRecord): PingRequest | undefined;
}

/** The runs reported by default: those of the schedule, which an outside monitor expects. */
export const REPORTED_TRIGGERS: readonly RunTrigger[] = ['schedule', 'catch-up'];

/**
 * An {@link OutsideMonitor} over `protocol`: a start ping when the first attempt of a reported
 * run starts, an end ping once it is over (sent after the start ping settled), both in the
 * background. A run that never started (skipped by an unmet dependency) sends nothing.
 *
 * @internal
 */
export function outsideMonitor(
  name: string,
  delivery: MonitorDelivery,
  triggers: readonly RunTrigger[],
  protocol: MonitorProtocol,
): OutsideMonitor {
  const monitor: OutsideMonitor = {
    name,
    runHeld(run) {
      if (!triggers.includes(run.record.trigger)) return undefined;
      let started: Promise<void> | undefined;
      return {
        attemptStarted(attempt) {
          if (attempt.attempt !== 1) return undefined;
          const ping = protocol.started(run);
          if (ping) started = delivery.send(ping);
          return undefined;
        },
        runEnded(record) {
          if (!started) return;
          const ping = protocol.ended(run, record);
          if (ping) delivery.send(ping, started);
        },
      };
    },
    flush: () => delivery.flush(),
  };
  Object.defineProperty(monitor, adoptClock, { value: (clock: Clock) => delivery[adoptClock](clock) });
  return monitor;
}

/** The summary of how a run ended, for a monitor's log: `failed after 3 attempts: TypeError: source down`. @internal */
export function outcomeText(record: RunRecord): string {
  const attempts = `${record.attempts.length} attempt${record.attempts.length === 1 ? '' : 's'}`;
  const error = record.error ? `: ${record.error.name}: ${record.error.message}` : '';
  const reason = record.reason ? ` (${record.reason})` : '';
  return `${record.status}${reason} after ${attempts}${error}`;
}
