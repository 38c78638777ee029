import type { EngineContext, Wakeup } from './engine-context.js';
import type { Maintenance } from './maintenance.js';
import type { SlotRouter } from './slot-router.js';
import { type Wake, WakeTimer } from './wake-timer.js';

/**
 * The wake loop: one {@link WakeTimer} armed for the earliest of the next slot (or its
 * pre-claim), the next maintenance and the next pre-claimed slot; each pass handles the due
 * slots first, then store maintenance, then the alert scan. One pass at a time; a request
 * during a pass runs one more.
 *
 * @internal
 */
export class WakeLoop implements Wakeup {
  readonly #ctx: EngineContext;
  readonly #router: SlotRouter;
  readonly #maintenance: Maintenance;
  readonly #timer: WakeTimer;
  #ticking = false;
  #tickAgain = false;
  /** The instant the last wake counts as (its target, when the timer fired just before it). */
  #wakeDueMs = 0;
  /** The timer target when it was armed for a pre-claim (a slot minus the lead); NaN otherwise. */
  #leadTargetMs = Number.NaN;

  constructor(ctx: EngineContext, router: SlotRouter, maintenance: Maintenance) {
    this.#ctx = ctx;
    this.#router = router;
    this.#maintenance = maintenance;
    const o = ctx.o;
    this.#timer = new WakeTimer(o.clock, ctx.nowMs, (wake) => this.#onWake(wake), o.maxTimerDelayMs, !o.keepAlive);
  }

  kick(): void {
    if (!this.#ctx.lifecycle.live) return;
    if (this.#ticking) this.#tickAgain = true;
    else void this.tick();
  }

  again(): void {
    this.#tickAgain = true;
  }

  rearm(): void {
    if (!this.#ticking) this.#arm();
  }

  dispose(): void {
    this.#timer.dispose();
  }

  /** @param leadOnly - a pre-claim wake: only claims the slots within the lead (no maintenance, no alert scan). */
  async tick(leadOnly = false): Promise<void> {
    if (this.#ticking) {
      this.#tickAgain = true;
      return;
    }
    this.#ticking = true;
    try {
      do {
        this.#tickAgain = false;
        // Due slots first (a run starts within microseconds of its wake), store maintenance after;
        // slots are handled even when the store poll fails, so the timer never spins on a past target.
        const nowMs = Math.max(this.#ctx.nowMs(), this.#wakeDueMs);
        this.#router.processDue(nowMs);
        this.#wakeDueMs = 0;
        if (leadOnly) break;
        this.#router.reached(nowMs);
        await this.#maintenance.runOrBackOff();
        this.#ctx.hooks.wake(this.#ctx.nowMs());
      } while (this.#tickAgain && !this.#ctx.lifecycle.halted);
    } catch (error) {
      this.#ctx.reportError('tick', error, 0);
    } finally {
      this.#ticking = false;
      this.#arm();
    }
  }

  #onWake(wake: Wake): void {
    const { logger } = this.#ctx.o;
    const emitter = this.#ctx.emitter;
    if (wake.jumpMs !== 0) {
      const fields = { fromMs: wake.nowMs - wake.jumpMs, toMs: wake.nowMs, deltaMs: wake.jumpMs };
      logger.warn('Clock jump detected; due slots go through the catch-up policy', fields);
      emitter.emit('schedule:clock-jumped', fields);
    }
    if (wake.lateByMs > 0 && wake.jumpMs >= 0 && wake.lateByMs >= 1_000) {
      const event = { expectedAt: new Date(wake.expectedMs), wokeAt: new Date(wake.nowMs), lateByMs: wake.lateByMs };
      logger.warn('Timer woke late', { lateByMs: wake.lateByMs });
      emitter.emit('schedule:wake-delayed', event);
    }
    // Slots at the target are due even when the timer fired a millisecond early.
    this.#wakeDueMs = wake.dueMs;
    const leadOnly = wake.reachedTarget && wake.jumpMs === 0 && this.#timer.targetMs === this.#leadTargetMs;
    void this.tick(leadOnly);
  }

  #arm(): void {
    if (!this.#ctx.lifecycle.live) return;
    const { atMs, leadMs } = this.#router.nextWake();
    const targetMs = Math.min(atMs, this.#maintenance.nextDueMs());
    this.#leadTargetMs = targetMs === leadMs ? leadMs : Number.NaN;
    this.#timer.arm(targetMs);
  }
}
