import type { Clock, Logger, Scheduler, Store } from '@pokemon/scheduler';
import type { ConsoleToken } from './auth/tokens.js';

/** An instance sharing the store, as the instances page lists it. */
export interface ConsoleInstance {
  /** Its instance id (`createScheduler({ instanceId })`). */
  id: string;
  /** When it last reported itself alive (store time), when known. */
  lastSeenAt?: Date;
  /** Anything else worth showing (version, timezone, host): small JSON values. */
  details?: Record<string, unknown>;
}

/** Options of {@link createConsole}. */
export interface ConsoleOptions {
  /** The scheduler whose jobs the console shows and acts on (started or not). */
  scheduler: Scheduler;
  /** The store the scheduler uses: history, job rows, live changes and the audit log are read from it. */
  store: Store;
  /**
   * Who may sign in, with which role; each secret only as its hash (see `hashToken`,
   * `parseTokens`). With no token every API request is refused (401, `NO_TOKENS`): the console
   * never serves data anonymously.
   */
  tokens: readonly ConsoleToken[];
  /**
   * The path the console is mounted under when the host routes a prefix to it unchanged
   * (`/admin` serves `/admin/`, `/admin/api/...`). No trailing slash.
   * @default ''
   */
  basePath?: string;
  /**
   * Origins allowed to send state-changing requests besides the console's own (the request's
   * `Host`), e.g. `https://ops.example.com` behind a proxy that rewrites the host.
   * @default []
   */
  allowedOrigins?: readonly string[];
  /** How long a sign-in lasts. @default 12 hours */
  sessionTtlMs?: number;
  /**
   * The instances sharing the store (the instances page). Without it the console lists the
   * instances holding running runs, and itself.
   */
  instances?: () => Promise<ConsoleInstance[]>;
  /**
   * How often the live stream reads the store for changes made by other instances, when the
   * store does not report them itself (SQLite). @default 500
   */
  pollIntervalMs?: number;
  /** Where failures of background actions (a backfill after its first run) and of the live stream go. @default silent */
  logger?: Logger;
  /** The clock (tests pass the fake clock). @default systemClock */
  clock?: Clock;
}
