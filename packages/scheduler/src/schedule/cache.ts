/**
 * A small bounded memo: a Map that forgets its oldest entries past `maxSize`.
 * Parsed schedules are immutable, so sharing them between callers is safe.
 *
 * @internal
 */
export class MemoCache<K, V> {
  readonly #map = new Map<K, V>();
  readonly #maxSize: number;

  /** @param maxSize - entries kept before the oldest are dropped */
  constructor(maxSize: number) {
    this.#maxSize = maxSize;
  }

  /** The cached value, if any. */
  get(key: K): V | undefined {
    return this.#map.get(key);
  }

  /** Stores a value, dropping the oldest entry when full. */
  set(key: K, value: V): void {
    if (this.#map.size >= this.#maxSize && !this.#map.has(key)) {
      const oldest = this.#map.keys().next();
      if (!oldest.done) this.#map.delete(oldest.value);
    }
    this.#map.set(key, value);
  }

  /** Forgets everything. */
  clear(): void {
    this.#map.clear();
  }

  /** Number of entries. */
  get size(): number {
    return this.#map.size;
  }
}
