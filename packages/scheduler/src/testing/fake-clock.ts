import type { Clock, TimerHandle } from '../core/clock.js';

/** One second in milliseconds. */
export const SECOND = 1_000;
/** One minute in milliseconds. */
export const MINUTE = 60 * SECOND;
/** One hour in milliseconds. */
export const HOUR = 60 * MINUTE;
/** One day (24 hours) in milliseconds. */
export const DAY = 24 * HOUR;

// Captured at module load so that `vi.useFakeTimers()` installed later does not
// freeze the settling of promises between fired timers.
const realSetImmediate: (callback: () => void) => unknown = globalThis.setImmediate;

/** Options of {@link createFakeClock}. */
export interface FakeClockOptions {
  /**
   * Macrotask turns (real `setImmediate`) with no new timer activity after
   * which started promises are considered settled. Raise it when code under
   * test chains real I/O callbacks between timers. @default 3
   */
  settleTurns?: number;
  /** Upper bound of settle turns per step, so a busy loop cannot hang a test. @default 100 */
  maxSettleTurns?: number;
}

/**
 * A {@link Clock} whose time moves only when the test says so.
 *
 * Timers are kept on a monotonic timeline, like real ones: {@link FakeClock.advance}
 * moves both that timeline and `now()`; {@link FakeClock.set} moves only
 * `now()` (a wall-clock jump), so a pending timer still fires after its delay.
 */
export interface FakeClock extends Clock {
  /**
   * Moves time forward by `ms`, firing every timer due within the range in
   * order of due time (ties: order of creation), including timers that fired
   * callbacks schedule inside the range. When a timer fires, `now()` is its
   * due time. Before the first timer, between timers and at the end, lets the
   * promises that were started settle (microtasks and a few real macrotask turns).
   * Rejects with the first error a timer callback threw (after finishing the advance).
   */
  advance(ms: number): Promise<void>;
  /** Like {@link FakeClock.advance}, up to the wall time `time` (a `Date` or ms since the epoch); not before `now()`. */
  advanceTo(time: Date | number): Promise<void>;
  /**
   * Fires pending timers one by one (jumping time to each) until none is left,
   * settling promises between them; returns how many fired.
   * @param limit - at most this many timers, then it throws (a timer that always re-arms). @default 10000
   */
  runAll(limit?: number): Promise<number>;
  /** Lets started promises settle without moving time. */
  flush(): Promise<void>;
  /**
   * Sets the wall time (`now()`) without firing anything: simulates a clock jump
   * forward or backward. A scheduler on this clock hears of it at once (`onJump`).
   */
  set(time: Date | number): void;
  /** Calls `listener` with the change in ms whenever {@link FakeClock.set} moves the wall time; returns the unsubscribe function. */
  onJump(listener: (deltaMs: number) => void): () => void;
  /** How many timers are pending. */
  pendingTimers(): number;
  /** The wall time (`now()`) at which the next pending timer will fire, or `undefined` when none is pending. */
  nextTimerAt(): number | undefined;
}

interface FakeTimer {
  readonly id: number;
  readonly dueMono: number;
  readonly callback: () => void;
}

/**
 * Creates a {@link FakeClock} starting at `start`: pass it as the `clock` of
 * `createScheduler`, `retry` or `withTimeout`, then move time explicitly.
 *
 * @param start - the initial wall time (a `Date` or ms since the epoch)
 * @param options - how long to let promises settle between timers
 *
 * @example
 * Test a job on its schedule, in milliseconds of real time:
 * ```ts
 * import { createMemoryStore, createScheduler, defineJob } from '@pokemon/scheduler';
 * import { createFakeClock, HOUR } from '@pokemon/scheduler/testing';
 *
 * test('the nightly sync runs at 03:00 Paris time', async () => {
 *   const clock = createFakeClock(new Date('2026-03-01T00:00:00Z'));
 *   const job = defineJob({ name: 'nightly-sync', schedule: '0 3 * * *', timezone: 'Europe/Paris', run: async () => 'ok' });
 *   const scheduler = createScheduler({ jobs: [job], store: createMemoryStore({ clock }), clock });
 *   const ran: Date[] = [];
 *   scheduler.on('run:succeeded', (event) => ran.push(event.scheduledFor));
 *   await scheduler.start();
 *   await clock.advance(3 * HOUR);
 *   expect(ran).toEqual([new Date('2026-03-01T02:00:00Z')]); // 03:00 in Paris (UTC+1)
 *   await scheduler.stop();
 * });
 * ```
 *
 * @example
 * Or a primitive on its own:
 * ```ts
 * const clock = createFakeClock(0);
 * const result = retry(fetchSets, { clock, attempts: 3, jitter: false });
 * await clock.advance(3 * SECOND); // attempts at 0 s, 1 s and 3 s
 * ```
 * ```
 */
export function createFakeClock(start: Date | number, options: FakeClockOptions = {}): FakeClock {
  const settleTurns = options.settleTurns ?? 3;
  const maxSettleTurns = Math.max(settleTurns, options.maxSettleTurns ?? 100);
  let mono = 0;
  let offset = toMs(start, 'start');
  let nextId = 1;
  let activity = 0;
  let advancing = false;
  let firedTotal = 0;
  const timers = new Map<number, FakeTimer>();
  const jumpListeners = new Set<(deltaMs: number) => void>();

  const next = (): FakeTimer | undefined => {
    let best: FakeTimer | undefined;
    for (const timer of timers.values()) {
      if (!best || timer.dueMono < best.dueMono || (timer.dueMono === best.dueMono && timer.id < best.id)) best = timer;
    }
    return best;
  };

  const flush = async (): Promise<void> => {
    let quiet = 0;
    for (let turn = 0; turn < maxSettleTurns && quiet < settleTurns; turn++) {
      const before = activity;
      await new Promise<void>((resolve) => realSetImmediate(resolve));
      quiet = activity === before ? quiet + 1 : 0;
    }
  };

  const step = async (targetMono: number | undefined): Promise<unknown[]> => {
    const errors: unknown[] = [];
    await flush();
    for (let timer = next(); timer && (targetMono === undefined || timer.dueMono <= targetMono); timer = next()) {
      timers.delete(timer.id);
      activity++;
      firedTotal++;
      mono = Math.max(mono, timer.dueMono);
      try {
        timer.callback();
      } catch (error) {
        errors.push(error);
      }
      await flush();
      if (targetMono === undefined) return errors;
    }
    return errors;
  };

  const exclusive = async <T>(action: () => Promise<T>): Promise<T> => {
    if (advancing)
      throw new Error('FakeClock: advance/advanceTo/runAll called while another is in progress; await it first.');
    advancing = true;
    try {
      return await action();
    } finally {
      advancing = false;
    }
  };

  const advance = (ms: number): Promise<void> => {
    if (!Number.isFinite(ms) || ms < 0) {
      return Promise.reject(
        new RangeError(
          `FakeClock.advance: expected \`ms\` to be a finite number >= 0, got ${ms}. Use set() to move the clock back.`,
        ),
      );
    }
    return exclusive(async () => {
      const target = mono + ms;
      const errors = await step(target);
      mono = target;
      // Work settled at the target may arm zero-delay timers: they are due now.
      errors.push(...(await step(target)));
      if (errors.length > 0) throw errors[0];
    });
  };

  const clock: FakeClock = {
    now: () => mono + offset,
    setTimeout(callback, delayMs) {
      const delay = Number.isFinite(delayMs) && delayMs > 0 ? delayMs : 0;
      const timer: FakeTimer = { id: nextId++, dueMono: mono + delay, callback };
      timers.set(timer.id, timer);
      activity++;
      return makeHandle(timer.id);
    },
    clearTimeout(handle: TimerHandle) {
      const id = (handle as Partial<FakeHandle> | undefined)?.[TIMER_ID];
      if (id !== undefined && timers.delete(id)) activity++;
    },
    advance,
    advanceTo(time) {
      const target = toMs(time, 'time');
      const now = mono + offset;
      if (target < now) {
        return Promise.reject(
          new RangeError(
            `FakeClock.advanceTo: ${new Date(target).toISOString()} is before now (${new Date(now).toISOString()}). Use set() to move the clock back.`,
          ),
        );
      }
      return advance(target - now);
    },
    runAll(limit = 10_000) {
      return exclusive(async () => {
        const firstFired = firedTotal;
        const errors: unknown[] = [];
        while (timers.size > 0) {
          if (firedTotal - firstFired >= limit) {
            throw new Error(
              `FakeClock.runAll: still ${timers.size} timer(s) pending after firing ${limit}; a timer keeps re-arming. Use advance() instead.`,
            );
          }
          errors.push(...(await step(undefined)));
        }
        if (errors.length > 0) throw errors[0];
        return firedTotal - firstFired;
      });
    },
    flush,
    set(time) {
      const before = mono + offset;
      offset = toMs(time, 'time') - mono;
      const deltaMs = mono + offset - before;
      if (deltaMs !== 0) for (const listener of [...jumpListeners]) listener(deltaMs);
    },
    onJump(listener) {
      jumpListeners.add(listener);
      return () => {
        jumpListeners.delete(listener);
      };
    },
    pendingTimers: () => timers.size,
    nextTimerAt() {
      const timer = next();
      return timer === undefined ? undefined : timer.dueMono + offset;
    },
  };
  return clock;
}

const TIMER_ID = Symbol('fakeTimerId');

interface FakeHandle extends TimerHandle {
  readonly [TIMER_ID]: number;
}

function makeHandle(id: number): FakeHandle {
  const handle: FakeHandle = {
    [TIMER_ID]: id,
    unref: () => handle,
  };
  return handle;
}

function toMs(time: Date | number, name: string): number {
  const ms = time instanceof Date ? time.getTime() : time;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    throw new RangeError(
      `FakeClock: expected \`${name}\` to be a valid Date or a finite number of ms since the epoch, got ${String(time)}.`,
    );
  }
  return ms;
}
