/**
 * A sliding one-minute window: at most `perMinute` sends in any 60 s.
 * @internal
 */
export class RateLimiter {
  readonly #perMinute: number;
  readonly #sentAtMs: number[] = [];

  constructor(perMinute: number) {
    this.#perMinute = perMinute;
  }

  /** Takes a slot at `nowMs` when one is free; returns whether it did. */
  tryTake(nowMs: number): boolean {
    this.#expire(nowMs);
    if (this.#sentAtMs.length >= this.#perMinute) return false;
    this.#sentAtMs.push(nowMs);
    return true;
  }

  /** Records a send that bypasses the limit (the suppressed summary). */
  record(nowMs: number): void {
    this.#expire(nowMs);
    this.#sentAtMs.push(nowMs);
  }

  /** When the next slot frees up, ms since the epoch (`nowMs` when one is free). */
  nextFreeAtMs(nowMs: number): number {
    this.#expire(nowMs);
    if (this.#sentAtMs.length < this.#perMinute) return nowMs;
    return (this.#sentAtMs[this.#sentAtMs.length - this.#perMinute] ?? nowMs) + 60_000;
  }

  #expire(nowMs: number): void {
    while (this.#sentAtMs.length > 0 && (this.#sentAtMs[0] ?? 0) <= nowMs - 60_000) this.#sentAtMs.shift();
  }
}
