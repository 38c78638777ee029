/**
 * A binary min-heap ordered by `at` (ms), then by insertion order, so that
 * entries due at the same instant come out in the order they were pushed.
 *
 * @internal
 */
export class MinHeap<T> {
  readonly #items: { at: number; seq: number; value: T }[] = [];
  #seq = 0;

  /** Number of entries. */
  get size(): number {
    return this.#items.length;
  }

  /** Adds `value` due at `at`. O(log n). */
  push(at: number, value: T): void {
    this.#items.push({ at, seq: this.#seq++, value });
    this.#up(this.#items.length - 1);
  }

  /** The earliest due time, or `undefined` when empty. */
  peekAt(): number | undefined {
    return this.#items[0]?.at;
  }

  /** The earliest entry (not removed), or `undefined` when empty. */
  peek(): { at: number; value: T } | undefined {
    const top = this.#items[0];
    return top && { at: top.at, value: top.value };
  }

  /** Removes and returns the earliest entry. */
  pop(): { at: number; value: T } | undefined {
    const items = this.#items;
    const top = items[0];
    if (!top) return undefined;
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      this.#down(0);
    }
    return { at: top.at, value: top.value };
  }

  /** Removes every entry. */
  clear(): void {
    this.#items.length = 0;
  }

  #less(a: number, b: number): boolean {
    const x = this.#items[a]!;
    const y = this.#items[b]!;
    return x.at < y.at || (x.at === y.at && x.seq < y.seq);
  }

  #swap(a: number, b: number): void {
    const items = this.#items;
    const tmp = items[a]!;
    items[a] = items[b]!;
    items[b] = tmp;
  }

  #up(index: number): void {
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#less(i, parent)) return;
      this.#swap(i, parent);
      i = parent;
    }
  }

  #down(index: number): void {
    const n = this.#items.length;
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < n && this.#less(left, smallest)) smallest = left;
      if (right < n && this.#less(right, smallest)) smallest = right;
      if (smallest === i) return;
      this.#swap(i, smallest);
      i = smallest;
    }
  }
}
