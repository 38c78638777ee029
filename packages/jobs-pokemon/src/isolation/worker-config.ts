import type { PokemonJobsConfig } from '../config.js';

/** The card source, described as data so a worker can build it: see `bundledSource`, `directorySource`, `apiSource`. */
export type SourceSpec =
  | { kind: 'bundled' }
  | { kind: 'directory'; path: string }
  | { kind: 'api'; baseUrl: string; apiKey?: string };

/** The scheduler store whose history `cleanup-stale-data` prunes, described as data. */
export type HistoryStoreSpec = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/**
 * What an isolated job's worker builds its services from: the plain-data part of
 * {@link PokemonJobsConfig}, with the card source and the history store described
 * rather than given. In the worker, the clock is the system clock and disk space is read
 * with `fs.statfs`; findings (health warnings, integrity problems) are posted back to the
 * scheduler's thread and delivered by the jobs' `notify` or `notifier` there.
 */
export interface PokemonWorkerConfig
  extends Omit<
    PokemonJobsConfig,
    'source' | 'notify' | 'notifier' | 'logger' | 'clock' | 'diskSpace' | 'pruneHistory'
  > {
  /** The card source. @default bundled */
  source?: SourceSpec;
  /** The scheduler store to prune history from; without it `cleanup-stale-data` skips history. */
  historyStore?: HistoryStoreSpec;
}

/** How {@link createPokemonJobs} isolates the jobs (see the scheduler's `IsolationOptions`). */
export interface PokemonJobsIsolation {
  /** A worker thread or a child process per run. */
  mode: 'thread' | 'process';
  /** What the worker builds the jobs' services from. */
  worker: PokemonWorkerConfig;
  /** Heap limit of each worker, MB. @default Node's default */
  memoryLimitMb?: number;
  /** How long a job has to stop after its signal aborts before its worker is killed, ms. @default 5000 */
  killGraceMs?: number;
}
