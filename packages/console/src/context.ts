/** What the console's routes share: the scheduler and store it shows, its clock, the optional sources. */
import type { Logger, Scheduler, Store } from '@pokemon/scheduler';
import type { ConsoleToken } from './auth/tokens.js';
import type { ConsoleInstance } from './options.js';

/** @internal */
export interface ConsoleContext {
  readonly scheduler: Scheduler;
  readonly store: Store;
  readonly tokens: readonly ConsoleToken[];
  readonly now: () => Date;
  readonly logger: Logger;
  readonly instances: (() => Promise<ConsoleInstance[]>) | undefined;
  readonly sessionTtlMs: number;
  readonly allowedOrigins: readonly string[];
  /** The path the console is mounted under, without a trailing slash (`''` at the root). */
  readonly basePath: string;
}
