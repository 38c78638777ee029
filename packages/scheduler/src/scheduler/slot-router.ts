import { MinHeap } from '../core/min-heap.js';
import { planCatchUp } from '../policy/catch-up.js';
import { recordNotRun } from '../run/claim-slot.js';
import { canPreclaim, PRECLAIM_LEAD_MS, preclaimRequest } from '../run/pre-claim.js';
import { runCatchUp } from '../run/run-catch-up.js';
import { runSlot } from '../run/run-slot.js';
import type { JobEntry } from '../run/runtime.js';
import { slotRequest } from '../run/slot-request.js';
import type { JobPlan } from '../store/types.js';
import { dueSlots } from './due-slots.js';
import type { EngineContext } from './engine-context.js';

/** A slot that was neither run nor recorded (the store failed before the claim). @internal */
export type LostSlotHandler = (job: string, firstMs: number, error: unknown) => void;

/**
 * Routes each job's due slots: the heap of next slots, the on-time slot and the catch-up of
 * older ones (catch-up first when it runs slots), and pre-claim of slots just ahead.
 *
 * @internal
 */
export class SlotRouter {
  readonly #ctx: EngineContext;
  readonly #onLost: LostSlotHandler;
  readonly #heap = new MinHeap<{ name: string; generation: number }>();
  /** The earliest pre-claimed slot not reached yet: the scheduler still wakes at it (alert scans, maintenance). */
  #slotWakeMs = Number.POSITIVE_INFINITY;

  constructor(ctx: EngineContext, onLost: LostSlotHandler) {
    this.#ctx = ctx;
    this.#onLost = onLost;
  }

  /** Puts the job's next slot after its cursor on the heap (replacing the one there). */
  push(entry: JobEntry): void {
    if (entry.runsIn !== undefined) return;
    const next = entry.schedule.next(new Date(entry.cursorMs));
    entry.generation++;
    if (next) this.#heap.push(next.getTime(), { name: entry.def.name, generation: entry.generation });
  }

  /**
   * At start: each job's cursor at its last recorded slot, so the slots missed while no instance
   * ran are due (caught up); a job new to the store starts from `nowMs` (nothing to catch up).
   */
  async startCursors(plan: JobPlan, nowMs: number): Promise<void> {
    const entries = [...this.#ctx.jobs.values()].filter((entry) => entry.runsIn === undefined);
    const added = new Set(plan.added);
    const store = this.#ctx.o.store;
    const lastSlots = await Promise.all(
      entries.map((entry) => (added.has(entry.def.name) ? undefined : store.lastSlot(entry.def.name))),
    );
    entries.forEach((entry, i) => {
      entry.cursorMs = lastSlots[i]?.getTime() ?? nowMs;
      this.push(entry);
    });
  }

  clear(): void {
    this.#heap.clear();
  }

  /**
   * When the loop must wake for slots: `atMs`, and `leadMs` when that wake is a pre-claim
   * (the next slot minus {@link PRECLAIM_LEAD_MS}; NaN otherwise).
   */
  nextWake(): { atMs: number; leadMs: number } {
    const top = this.#heap.peek();
    const entry = top && this.#ctx.jobs.get(top.value.name);
    const leadMs = top && entry && canPreclaim(entry) ? top.at - PRECLAIM_LEAD_MS : Number.NaN;
    const slotMs = Number.isNaN(leadMs) ? (top?.at ?? Number.POSITIVE_INFINITY) : leadMs;
    return { atMs: Math.min(slotMs, this.#slotWakeMs), leadMs: leadMs < this.#slotWakeMs ? leadMs : Number.NaN };
  }

  /** A pass at `nowMs` (not a pre-claim one) ran: the pre-claimed slots up to it are reached. */
  reached(nowMs: number): void {
    if (nowMs >= this.#slotWakeMs) this.#slotWakeMs = Number.POSITIVE_INFINITY;
  }

  /** Handles the slots due at `nowMs`, and pre-claims the ones within {@link PRECLAIM_LEAD_MS} after it that allow it. */
  processDue(nowMs: number): void {
    if (this.#ctx.lifecycle.halted) return;
    const horizonMs = nowMs + PRECLAIM_LEAD_MS;
    const later: { at: number; value: { name: string; generation: number } }[] = [];
    for (let at = this.#heap.peekAt(); at !== undefined && at <= horizonMs; at = this.#heap.peekAt()) {
      const top = this.#heap.pop()!;
      const entry = this.#ctx.jobs.get(top.value.name);
      if (!entry || entry.generation !== top.value.generation) continue;
      if (top.at <= nowMs) this.#handleDue(entry, nowMs);
      else if (canPreclaim(entry)) this.#preclaim(entry, top.at);
      else later.push(top);
    }
    for (const top of later) this.#heap.push(top.at, top.value);
  }

  /** Claims the job's next slot `slotMs` now (a few ms ahead); the run starts at the slot. */
  #preclaim(entry: JobEntry, slotMs: number): void {
    entry.cursorMs = slotMs;
    this.#slotWakeMs = Math.min(this.#slotWakeMs, slotMs);
    this.#trackSlot(entry, slotMs, runSlot(this.#ctx.rt, entry, preclaimRequest(slotMs)));
    this.push(entry);
  }

  /** Slots in `(cursor, now]`: the newest runs normally when on time; the others go through the catch-up policy. */
  #handleDue(entry: JobEntry, nowMs: number): void {
    const rt = this.#ctx.rt;
    const { onTime, gap } = dueSlots(entry.schedule, entry.cursorMs, nowMs);
    entry.cursorMs = Math.max(entry.cursorMs, nowMs);
    if (entry.state?.paused) {
      if (onTime) this.#ctx.track(recordNotRun(rt, entry, slotRequest(onTime, 'schedule'), 'skipped', 'paused'));
    } else {
      const catchUp = gap && { ...gap, nowMs };
      // A catch-up that runs slots goes first and the on-time slot after it (like `buffer-one`):
      // started together, the overlap policy would skip one of them and a catch-up run would be lost.
      // A catch-up that only records `missed` slots does not hold the on-time run back.
      const runsFirst = catchUp !== undefined && planCatchUp(entry.schedule, entry.def.catchUp, catchUp).run.length > 0;
      if (catchUp) {
        const firstMs = entry.schedule.next(new Date(catchUp.afterMs))?.getTime() ?? catchUp.upToMs;
        const then = runsFirst ? onTime : undefined;
        this.#trackSlot(entry, firstMs, this.#catchUpThenOnTime(entry, catchUp, then));
      }
      if (onTime && !runsFirst) {
        this.#trackSlot(entry, onTime.getTime(), runSlot(rt, entry, slotRequest(onTime, 'schedule')));
      }
    }
    this.push(entry);
  }

  async #catchUpThenOnTime(
    entry: JobEntry,
    gap: { afterMs: number; upToMs: number; nowMs: number },
    onTime: Date | undefined,
  ): Promise<void> {
    await runCatchUp(this.#ctx.rt, entry, gap, this.#ctx.stopSignal);
    if (onTime && !this.#ctx.lifecycle.halted) await runSlot(this.#ctx.rt, entry, slotRequest(onTime, 'schedule'));
  }

  /**
   * Tracks the handling of due slots from `firstMs` on. A rejection means the store failed
   * before the slot was claimed (a claimed run records its own failure): the slot was neither
   * run nor recorded, so it goes to the lost-slot handler (caught up once the store answers).
   */
  #trackSlot(entry: JobEntry, firstMs: number, task: Promise<unknown>): void {
    this.#ctx.track(
      task.catch((error: unknown) => {
        if (this.#ctx.lifecycle.halted) throw error;
        this.#onLost(entry.def.name, firstMs, error);
      }),
    );
  }
}
