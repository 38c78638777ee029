/**
 * An opaque timer handle returned by {@link Clock.setTimeout}.
 */
export interface TimerHandle {
  /** Lets the process exit while this timer is pending (Node's `unref`). */
  unref?(): unknown;
}

/**
 * The source of time and timers for everything in the library. The scheduler,
 * {@link withTimeout} and {@link retry} read time and wait only through a
 * `Clock`, so tests can substitute the fake from `@pokemon/scheduler/testing`.
 *
 * @remarks
 * `setTimeout` may be called with delays longer than 2^31-1 ms; the library
 * never does (it caps and re-arms), but an implementation must not fire early.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Calls `callback` after `delayMs` milliseconds. */
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  /** Cancels a timer returned by {@link Clock.setTimeout}; unknown handles are ignored. */
  clearTimeout(handle: TimerHandle): void;
  /**
   * Optional: for a clock that knows when its wall time is set (the fake clock's
   * `set()`), calls `listener` with the change in ms each time, and returns the
   * function that stops listening. The scheduler then needs no periodic
   * re-reading of the clock to notice a jump, so its timer waits only for slots
   * (unless `maxTimerDelayMs` is given). The real clock cannot know, and has none.
   */
  onJump?(listener: (deltaMs: number) => void): () => void;
}

/**
 * The real clock: `Date.now()` and the global `setTimeout`, looked up at each
 * call so that `vi.useFakeTimers()` (or any other global timer fake) controls it.
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, delayMs) => globalThis.setTimeout(callback, delayMs),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

/**
 * The method by which an object created without a clock of its own (a memory
 * store, a built-in notifier) takes the clock of the scheduler it is given to.
 * @internal
 */
export const adoptClock: unique symbol = Symbol('adoptClock');

/** Something that follows the clock of the scheduler it is given to, unless it was given one itself. @internal */
export interface ClockFollower {
  [adoptClock](clock: Clock): void;
}

/** Lends `clock` to `target` when it follows a scheduler's clock (see {@link adoptClock}). @internal */
export function lendClock(target: unknown, clock: Clock): void {
  if (typeof target === 'object' && target !== null && adoptClock in target) {
    (target as ClockFollower)[adoptClock](clock);
  }
}
