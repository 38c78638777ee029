// biome-ignore-all assist/source/organizeImports: the curated public surface is grouped by concern, not sorted
/**
 * `@pokemon/scheduler/primitives`: the standalone primitives, usable without
 * a scheduler: {@link retry}, {@link withTimeout} and
 * {@link resolveDependencies}, with the errors they throw and the clock they
 * wait on.
 *
 * The same functions are exported by `@pokemon/scheduler`; import them from
 * here when they are all you use: this entry never loads the cron machinery
 * (cron-parser and its date library), so it starts faster and bundles smaller.
 *
 * @example
 * ```ts
 * import { retry, withTimeout } from '@pokemon/scheduler/primitives';
 *
 * const page = await retry((attempt, signal) => withTimeout((s) => fetch(url, { signal: s }), 5_000, { signal }), {
 *   attempts: 3,
 * });
 * ```
 *
 * @packageDocumentation
 */

export { retry } from './primitives/retry.js';
export type { RetryCallOptions, RetryInfo } from './primitives/retry.js';
export type { RetryOptions } from './job/types.js';
export { withTimeout } from './primitives/with-timeout.js';
export type { WithTimeoutOptions } from './primitives/with-timeout.js';
export { resolveDependencies } from './primitives/dependencies.js';
export type { DependencyNode } from './primitives/dependencies.js';
export {
  DependencyCycleError,
  InvalidJobError,
  InvalidOptionError,
  JobTimeoutError,
  NonRetryableError,
  SchedulerError,
  TimeoutError,
  UnknownJobError,
} from './core/errors.js';
export { isRetryable, nonRetryable } from './core/retryable.js';
export type { SchedulerErrorCode } from './core/errors.js';
export { systemClock } from './core/clock.js';
export type { Clock, TimerHandle } from './core/clock.js';
