import type { Clock, TimerHandle } from '../core/clock.js';

/** Default longest single wait: short enough that a wall-clock jump is noticed within a minute. */
export const MAX_WAIT_MS = 60_000;
/** setTimeout's limit: a longer delay fires at once in Node. */
export const TIMER_LIMIT_MS = 2 ** 31 - 1;
/** A wake later than this past its target is reported as overdue. */
const OVERDUE_AFTER_MS = 1_000;
/** A wake this much later than planned is treated as a forward clock jump (suspend, NTP step). */
const FORWARD_JUMP_MS = 60_000;

/**
 * Node fires timers by its loop's cached monotonic time, often a millisecond before the
 * wall clock reaches the target. A wake this close to the target counts as reaching it
 * (its slots are due), rather than costing another timer turn (1-2 ms late).
 */
const EARLY_SLACK_MS = 2;
/** A wake this much before its planned end is a backward clock jump, not timer noise. */
const BACKWARD_NOISE_MS = 1_000;

/** What the timer observed when it woke. */
export interface Wake {
  /** Clock reading at the wake. */
  nowMs: number;
  /** When this wait was meant to end (the target, or the cap). */
  expectedMs: number;
  /** Whether the wait reached the requested target (not only the cap). */
  reachedTarget: boolean;
  /** The instant whose due slots should be handled: `max(nowMs, target)` when the target was reached. */
  dueMs: number;
  /** `nowMs - expectedMs` when positive. */
  lateByMs: number;
  /** Clock change not explained by the wait: negative when the clock went backwards, positive for a forward jump; 0 otherwise. */
  jumpMs: number;
}

/**
 * The scheduler's one timer: armed for a target instant, each wait capped
 * (default {@link MAX_WAIT_MS}, never above setTimeout's limit) and re-armed, so a target years away or past
 * setTimeout's 2^31-1 ms limit is safe, and a clock jump is noticed on the next
 * wake. The handle is unref'd (when the runtime supports it) unless told otherwise.
 *
 * @internal
 */
export class WakeTimer {
  readonly #clock: Clock;
  readonly #now: () => number;
  readonly #onWake: (wake: Wake) => void;
  readonly #maxWaitMs: number;
  readonly #unref: boolean;
  readonly #offJump: (() => void) | undefined;
  #handle: TimerHandle | undefined;
  #targetMs = Number.POSITIVE_INFINITY;

  /**
   * @param clock - timers come from here
   * @param now - the time the target is expressed in (the clock corrected by the store offset)
   * @param onWake - called when the target is reached or a clock anomaly is seen
   * @param maxWaitMs - longest single wait (at most {@link TIMER_LIMIT_MS}); by default {@link MAX_WAIT_MS},
   *   or no cap but setTimeout's for a clock that reports its jumps (`onJump`)
   * @param unref - let the process exit while only this timer is pending
   */
  constructor(clock: Clock, now: () => number, onWake: (wake: Wake) => void, maxWaitMs?: number, unref = true) {
    this.#clock = clock;
    this.#now = now;
    this.#onWake = onWake;
    const reportsJumps = typeof clock.onJump === 'function';
    this.#maxWaitMs = Math.min(maxWaitMs ?? (reportsJumps ? TIMER_LIMIT_MS : MAX_WAIT_MS), TIMER_LIMIT_MS);
    this.#unref = unref;
    this.#offJump = clock.onJump?.((deltaMs) => this.#jumped(deltaMs));
  }

  /** The instant the timer is armed for (`Infinity` when idle). */
  get targetMs(): number {
    return this.#targetMs;
  }

  /** Arms for `targetMs` (replacing the previous target). `Infinity` disarms. */
  arm(targetMs: number): void {
    this.clear();
    this.#targetMs = targetMs;
    if (!Number.isFinite(targetMs)) return;
    this.#wait(this.#now());
  }

  /** Disarms. */
  clear(): void {
    if (this.#handle !== undefined) this.#clock.clearTimeout(this.#handle);
    this.#handle = undefined;
    this.#targetMs = Number.POSITIVE_INFINITY;
  }

  /** Disarms and stops listening to the clock's jumps. */
  dispose(): void {
    this.clear();
    this.#offJump?.();
  }

  /** The clock reported that its wall time was set: decide now, as a capped wake would have. */
  #jumped(deltaMs: number): void {
    if (this.#handle === undefined) return;
    this.#clock.clearTimeout(this.#handle);
    this.#handle = undefined;
    const nowMs = this.#now();
    const jumpMs = deltaMs >= FORWARD_JUMP_MS || deltaMs < -BACKWARD_NOISE_MS ? deltaMs : 0;
    const reachedTarget = jumpMs >= 0 && nowMs >= this.#targetMs - EARLY_SLACK_MS;
    if (reachedTarget || jumpMs !== 0) {
      const dueMs = reachedTarget ? Math.max(nowMs, this.#targetMs) : nowMs;
      const expectedMs = reachedTarget ? this.#targetMs : nowMs - deltaMs;
      const lateByMs = Math.max(0, nowMs - expectedMs);
      this.#onWake({ nowMs, expectedMs, reachedTarget, dueMs, lateByMs, jumpMs });
      return;
    }
    this.#wait(nowMs);
  }

  #wait(fromMs: number): void {
    const delayMs = Math.min(Math.max(0, this.#targetMs - fromMs), this.#maxWaitMs);
    const expectedMs = fromMs + delayMs;
    const handle = this.#clock.setTimeout(() => this.#fired(expectedMs), delayMs);
    if (this.#unref) handle.unref?.();
    this.#handle = handle;
  }

  #fired(expectedMs: number): void {
    this.#handle = undefined;
    const nowMs = this.#now();
    const lateByMs = Math.max(0, nowMs - expectedMs);
    // The wait elapsed on the runtime's monotonic timer, so the clock should read at least
    // `expectedMs`; much less means the wall clock was set back (a few ms early is timer noise).
    let jumpMs = 0;
    if (nowMs < expectedMs - BACKWARD_NOISE_MS) jumpMs = nowMs - expectedMs;
    else if (lateByMs >= FORWARD_JUMP_MS) jumpMs = lateByMs;
    const reachedTarget = jumpMs >= 0 && nowMs >= this.#targetMs - EARLY_SLACK_MS;
    if (reachedTarget || jumpMs !== 0 || lateByMs >= OVERDUE_AFTER_MS) {
      const dueMs = reachedTarget ? Math.max(nowMs, this.#targetMs) : nowMs;
      this.#onWake({ nowMs, expectedMs, reachedTarget, dueMs, lateByMs, jumpMs });
      return;
    }
    // Early (capped wait, or a timer that fired early): keep waiting for the same target.
    this.#wait(nowMs);
  }
}
