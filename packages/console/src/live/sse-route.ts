/**
 * `GET /api/events`: the live stream (Server-Sent Events). Each event's `id` resumes the
 * stream: a browser's EventSource sends it back as `Last-Event-ID` when it reconnects.
 */
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { NumberedEvent } from './event-hub.js';
import type { LiveFeed } from './live-feed.js';

/** A comment line this often keeps proxies from closing an idle stream. */
const KEEPALIVE_MS = 15_000;

/** Serves the stream until the client goes or the console closes (`closed` aborts). */
export async function serveEvents(c: Context, feed: LiveFeed, closed: AbortSignal): Promise<Response> {
  await feed.start();
  const lastEventId = c.req.header('last-event-id') ?? c.req.query('lastEventId');
  return streamSSE(c, async (stream) => {
    const queue: (NumberedEvent | 'keepalive')[] = [];
    let wake: (() => void) | undefined;
    const unsubscribe = feed.hub.subscribe((event) => {
      queue.push(event);
      wake?.();
    }, lastEventId);
    const ended = new Promise<void>((resolve) => {
      stream.onAbort(resolve);
      closed.addEventListener('abort', () => resolve(), { once: true });
    });
    const keepalive = setInterval(() => {
      queue.push('keepalive');
      wake?.();
    }, KEEPALIVE_MS);
    keepalive.unref?.();
    try {
      await stream.writeSSE({ event: 'hello', data: '{}', retry: 1000 });
      while (!closed.aborted && !stream.aborted) {
        for (const event of queue.splice(0)) {
          if (event === 'keepalive') await stream.write(': keepalive\n\n');
          else await stream.writeSSE({ id: event.id, event: event.type, data: JSON.stringify(event.data) });
        }
        await Promise.race([new Promise<void>((resolve) => (wake = resolve)), ended]);
        wake = undefined;
      }
    } finally {
      clearInterval(keepalive);
      unsubscribe();
    }
  });
}
