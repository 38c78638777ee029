/**
 * The live stream's events, numbered, kept in a ring so a client that reconnects with
 * `Last-Event-ID` receives what it missed. Ids are `<epoch>.<n>`: an id from another process
 * (a restart, another instance behind a balancer) or older than the ring gets a `resync`.
 */
import { randomBytes } from 'node:crypto';

/** One change, as sent on the stream. */
export type LiveEvent =
  | { type: 'run'; data: { job: string; runId: string; status: string } }
  | { type: 'progress'; data: { job: string; runId: string; progress: unknown } }
  | { type: 'job'; data: { job: string } }
  | { type: 'resync'; data: Record<string, never> };

/** An event with its id. */
export type NumberedEvent = LiveEvent & { id: string };

type Subscriber = (event: NumberedEvent) => void;

/** Events kept for replay. */
const RING_SIZE = 2000;
/** Run transitions remembered to drop the same one reported by several sources. */
const SEEN_SIZE = 5000;

/** @internal */
export class EventHub {
  readonly #epoch = randomBytes(6).toString('base64url');
  readonly #ring: NumberedEvent[] = [];
  readonly #subscribers = new Set<Subscriber>();
  readonly #seenRuns = new Set<string>();
  #seq = 0;

  /** Publishes an event; a run transition already published (same run, same status) is dropped. */
  publish(event: LiveEvent): void {
    if (event.type === 'run' && !this.#firstTime(`${event.data.runId}:${event.data.status}`)) return;
    const numbered = { ...event, id: `${this.#epoch}.${++this.#seq}` } as NumberedEvent;
    this.#ring.push(numbered);
    if (this.#ring.length > RING_SIZE) this.#ring.shift();
    for (const subscriber of this.#subscribers) subscriber(numbered);
  }

  /**
   * Subscribes; first replays the events after `lastEventId` (or a `resync` when they are
   * gone). Returns the unsubscribe function.
   */
  subscribe(subscriber: Subscriber, lastEventId: string | undefined): () => void {
    if (lastEventId !== undefined) for (const event of this.#since(lastEventId)) subscriber(event);
    this.#subscribers.add(subscriber);
    return () => this.#subscribers.delete(subscriber);
  }

  /** Subscribers now. */
  get size(): number {
    return this.#subscribers.size;
  }

  #since(lastEventId: string): NumberedEvent[] {
    const [epoch, seqText] = lastEventId.split('.');
    const seq = Number(seqText);
    const oldest = this.#ring[0];
    const oldestSeq = oldest ? Number(oldest.id.split('.')[1]) : this.#seq + 1;
    if (epoch !== this.#epoch || !Number.isSafeInteger(seq) || seq > this.#seq || seq < oldestSeq - 1) {
      return [{ type: 'resync', data: {}, id: `${this.#epoch}.${this.#seq}` }];
    }
    return this.#ring.filter((event) => Number(event.id.split('.')[1]) > seq);
  }

  #firstTime(key: string): boolean {
    if (this.#seenRuns.has(key)) return false;
    this.#seenRuns.add(key);
    if (this.#seenRuns.size > SEEN_SIZE) {
      const oldest = this.#seenRuns.values().next().value;
      if (oldest !== undefined) this.#seenRuns.delete(oldest);
    }
    return true;
  }
}
