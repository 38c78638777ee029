import type {
  AlertOptions,
  AlertSeverity,
  JobOptions,
  Notifier,
  RunRecord,
  Scheduler,
  SchedulerOptions,
  Store,
} from '../../src/index.js';
import { createMemoryStore, createScheduler, defineJob } from '../../src/index.js';
import { slackNotifier } from '../../src/slack.js';
import { createFakeClock, type FakeClock, HOUR } from '../../src/testing.js';
import { until } from './helpers.js';
import { recordingLogger } from './recording-logger.js';
import { FakeSlack } from './slack-server.js';

/** A Sunday, midnight UTC. */
export const T0 = Date.parse('2026-03-01T00:00:00.000Z');

/** One message the fake Slack received, decoded. */
export interface SentAlert {
  kind: string;
  key: string;
  title: string;
  reminder: boolean;
  atMs: number;
}

type JobInput = Omit<JobOptions, 'run'> & Partial<Pick<JobOptions, 'run'>>;

/**
 * A scheduler on a fake clock and memory store, alerting to a real local HTTP "Slack".
 * Disposing it is `close()`, and also stops every scheduler it built and closes the store it created.
 */
export interface AlertHarness extends AsyncDisposable {
  clock: FakeClock;
  store: Store;
  slack: FakeSlack;
  logger: ReturnType<typeof recordingLogger>;
  scheduler: Scheduler;
  finished: RunRecord[];
  /** Moves the clock to `atMs` (firing what is due), then lets alert deliveries finish. */
  stepTo(atMs: number): Promise<void>;
  /** Steps through `[now, atMs]` by `everyMs`. */
  stepThrough(atMs: number, everyMs: number): Promise<void>;
  /** Lets queued alert deliveries finish (real I/O; fake time does not move). */
  settle(): Promise<void>;
  /** The alerts Slack accepted, decoded, in order. */
  sent(): SentAlert[];
  /**
   * A new scheduler on the same clock and Slack and on `store` (default: the same store), as after a restart.
   * The harness owns a store handed here: disposing the harness closes it.
   */
  restart(jobs?: JobInput[], store?: Store): Scheduler;
  /** Stops the current scheduler once deliveries finished, then closes Slack (idempotent). */
  close(): Promise<void>;
}

/** Counts deliveries in flight so tests know when Slack has everything. */
function tracked(inner: Notifier): { notifier: Notifier; inFlight: () => number } {
  let inFlight = 0;
  return {
    inFlight: () => inFlight,
    notifier: {
      name: inner.name,
      async notify(alert, signal) {
        inFlight++;
        try {
          await inner.notify(alert, signal);
        } finally {
          inFlight--;
        }
      },
    },
  };
}

export async function alertHarness(
  jobs: JobInput[],
  options: {
    alerts?: AlertOptions;
    start?: number;
    slack?: FakeSlack;
    /** Posts to Slack only alerts of this severity and up (as the runner does with `warning`). */
    slackMinSeverity?: AlertSeverity;
    scheduler?: Partial<SchedulerOptions>;
    /** The store, built on the harness's clock. @default a memory store */
    store?: (clock: FakeClock) => Store;
  } = {},
): Promise<AlertHarness> {
  const clock = createFakeClock(options.start ?? T0);
  const created = options.store?.(clock) ?? createMemoryStore({ clock });
  let store = created;
  const slack = options.slack ?? (await FakeSlack.start());
  const logger = recordingLogger();
  // A long request timeout: tests move fake time in steps while real HTTP is in flight.
  const minSeverity = options.slackMinSeverity ? { minSeverity: options.slackMinSeverity } : {};
  const delivery = tracked(slackNotifier({ webhookUrl: slack.url, clock, timeoutMs: 6 * HOUR, ...minSeverity }));
  const finished: RunRecord[] = [];
  const built: Scheduler[] = [];
  let current: Scheduler;
  const build = (list: JobInput[]): Scheduler => {
    const scheduler = createScheduler({
      ...options.scheduler,
      clock,
      store,
      logger,
      notifier: delivery.notifier,
      ...(options.alerts ? { alerts: options.alerts } : {}),
      jobs: list.map((job) => defineJob({ run: () => 'ok', ...job })),
    });
    scheduler.on('run:finished', ({ run }) => finished.push(run));
    current = scheduler;
    built.push(scheduler);
    return scheduler;
  };
  build(jobs);
  const settle = async (): Promise<void> => {
    // Quiet twice in a row: evaluations (store work) finished and nothing is being delivered.
    for (let quiet = 0; quiet < 2; ) {
      await clock.flush();
      if (delivery.inFlight() === 0) quiet++;
      else {
        quiet = 0;
        await until(
          () => delivery.inFlight() === 0,
          () => 'alert deliveries to finish',
        );
      }
    }
  };
  let closing: Promise<void> | undefined;
  const harness: AlertHarness = {
    clock,
    store,
    slack,
    logger,
    get scheduler() {
      return current;
    },
    finished,
    async stepTo(atMs) {
      await clock.advanceTo(atMs);
      await settle();
    },
    async stepThrough(atMs, everyMs) {
      while (clock.now() < atMs) await harness.stepTo(Math.min(atMs, clock.now() + everyMs));
    },
    settle,
    sent: () => slack.received.slice(0).map(decode),
    restart: (list, next) => {
      if (next) {
        store = next;
        harness.store = next;
      }
      return build(list ?? jobs);
    },
    close() {
      closing ??= (async () => {
        const stopping = current.stop();
        await settle();
        await stopping;
        await slack.close();
      })();
      return closing;
    },
    async [Symbol.asyncDispose]() {
      await harness.close();
      for (const scheduler of built) await scheduler.stop();
      await created.close();
      await harness.store.close();
    },
  };
  return harness;
}

function decode(request: FakeSlack['received'][number]): SentAlert {
  const context = request.body.blocks.find((block) => block.type === 'context') as
    | { elements: { text: string }[] }
    | undefined;
  const [kind = '', key = '', when = ''] = (context?.elements[0]?.text ?? '').split(' · ');
  const title = request.body.text.replace(/^:[a-z_]+: /, '');
  return {
    kind,
    key,
    title: title.replace(/^Reminder: /, ''),
    reminder: title.startsWith('Reminder: '),
    atMs: Date.parse(when),
  };
}
