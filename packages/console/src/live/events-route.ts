/** Registers `GET /api/events` (viewer and up) with its entry in the OpenAPI document. */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { AUTH_ERRORS } from '../api/responses.js';
import { type GuardEnv, requireRole } from '../auth/guard.js';
import type { ConsoleContext } from '../context.js';
import type { LiveFeed } from './live-feed.js';
import { serveEvents } from './sse-route.js';

/** @internal */
export function registerEventsRoute(
  app: OpenAPIHono<GuardEnv>,
  ctx: ConsoleContext,
  feed: LiveFeed,
  closed: AbortSignal,
) {
  const route = createRoute({
    method: 'get',
    path: '/api/events',
    tags: ['live'],
    summary:
      'Server-Sent Events of run changes (`run`: job, runId, status), progress (`progress`) and job changes (`job`) from every instance; `resync`: read everything again. Resume with Last-Event-ID.',
    middleware: requireRole(ctx, 'viewer'),
    responses: {
      200: { content: { 'text/event-stream': { schema: z.string() } }, description: 'The stream' },
      ...AUTH_ERRORS,
    },
  });
  app.openapi(route, (c) => serveEvents(c, feed, closed));
}
