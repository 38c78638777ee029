/** Reads a console's event stream in a test: the events as they arrive, awaited by predicate. */
import type { ConsoleHandler } from '../src/index.js';

export interface StreamEvent {
  id: string | undefined;
  event: string;
  data: Record<string, unknown>;
}

export interface EventReader extends AsyncDisposable {
  readonly events: StreamEvent[];
  /** Resolves with the first event (already received or to come) matching `match`; rejects after `withinMs`. */
  next(match: (event: StreamEvent) => boolean, withinMs?: number): Promise<StreamEvent>;
}

/** Opens `/api/events` with a bearer `secret` (and `Last-Event-ID` when given). */
export async function openEvents(
  console: ConsoleHandler,
  origin: string,
  secret: string,
  lastEventId?: string,
): Promise<EventReader> {
  const abort = new AbortController();
  const headers: Record<string, string> = { authorization: `Bearer ${secret}` };
  if (lastEventId) headers['last-event-id'] = lastEventId;
  const res = await console.fetch(new Request(`${origin}/api/events`, { headers, signal: abort.signal }));
  if (res.status !== 200 || !res.body) throw new Error(`events: HTTP ${res.status}`);
  const events: StreamEvent[] = [];
  const waiters = new Set<() => void>();
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
      if (done) return;
      buffer += value;
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = Object.fromEntries(
          block
            .split('\n')
            .filter((line) => !line.startsWith(':') && line.includes(':'))
            .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trimStart()]),
        ) as Record<string, string>;
        if (fields.event) events.push({ id: fields.id, event: fields.event, data: JSON.parse(fields.data ?? '{}') });
        for (const wake of waiters) wake();
        end = buffer.indexOf('\n\n');
      }
    }
  })();
  return {
    events,
    next: (match, withinMs = 2_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(match);
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching event within ${withinMs} ms; got ${JSON.stringify(events)}`));
        }, withinMs);
        waiters.add(check);
        check();
      }),
    [Symbol.asyncDispose]: async () => {
      abort.abort();
      await reader.cancel().catch(() => undefined);
      await pump;
    },
  };
}
