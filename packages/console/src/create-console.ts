/**
 * `createConsole`: the console as one web-standard handler. Routes live in `api/`, the live
 * stream in `live/`, the app's files in `web-assets/`; this file wires them on a Hono app.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { systemClock } from '@pokemon/scheduler';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { registerActionRoutes } from './api/action-routes.js';
import { apiErrorOf, errorResponse } from './api/api-error.js';
import { registerReadRoutes } from './api/read-routes.js';
import { registerSessionRoutes } from './api/session-routes.js';
import { validationMessage } from './api/validation-message.js';
import { checkOrigin, type GuardEnv, identify, requireRole } from './auth/guard.js';
import { validateTokens } from './auth/tokens.js';
import type { ConsoleContext } from './context.js';
import { ConsoleConfigError } from './errors.js';
import { registerEventsRoute } from './live/events-route.js';
import { LiveFeed } from './live/live-feed.js';
import type { ConsoleOptions } from './options.js';
import { serveStatic } from './web-assets/serve-static.js';
import { loadStaticFiles } from './web-assets/static-files.js';

const SILENT = { debug() {}, info() {}, warn() {}, error() {} };
const HOUR_MS = 60 * 60 * 1000;
/** The largest request body the API reads (its bodies are a few fields). */
const MAX_BODY_BYTES = 16 * 1024;

/** A console ready to mount: hand it requests. */
export interface ConsoleHandler extends AsyncDisposable {
  /** Answers one request (`/api/...`, the live stream, the app's files) under the mount path. */
  fetch(request: Request): Promise<Response>;
  /** Ends open live streams and stops reading the store for changes. Idempotent. */
  close(): Promise<void>;
}

function contextOf(options: ConsoleOptions): ConsoleContext {
  validateTokens(options.tokens, 'createConsole: tokens');
  const basePath = options.basePath ?? '';
  if (basePath !== '' && !/^(\/[A-Za-z0-9._~-]+)+$/.test(basePath)) {
    throw new ConsoleConfigError(
      `createConsole: expected basePath like "/admin" (no trailing slash), got ${JSON.stringify(basePath)}`,
    );
  }
  const clock = options.clock ?? systemClock;
  return {
    scheduler: options.scheduler,
    store: options.store,
    tokens: [...options.tokens],
    now: () => new Date(clock.now()),
    logger: options.logger ?? SILENT,
    instances: options.instances,
    sessionTtlMs: options.sessionTtlMs ?? 12 * HOUR_MS,
    allowedOrigins: options.allowedOrigins ?? [],
    basePath,
  };
}

function buildApp(ctx: ConsoleContext, feed: LiveFeed, closed: AbortSignal) {
  const app = new OpenAPIHono<GuardEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        return errorResponse(c, 400, 'BAD_REQUEST', validationMessage(result.target, result.error));
      }
    },
  });
  app.use('*', identify(ctx));
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        errorResponse(c, 413, 'PAYLOAD_TOO_LARGE', `Request bodies are limited to ${MAX_BODY_BYTES} bytes`),
    }),
  );
  app.use('/api/*', checkOrigin(ctx), async (c, next) => {
    await next();
    c.header('cache-control', 'no-store');
    c.header('x-content-type-options', 'nosniff');
  });
  registerSessionRoutes(app, ctx);
  registerReadRoutes(app, ctx);
  registerActionRoutes(app, ctx);
  registerEventsRoute(app, ctx, feed, closed);
  app.use('/api/openapi.json', requireRole(ctx, 'viewer'));
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: '@pokemon/console API',
      version: '1',
      description: 'Jobs, runs, instances, audit log and operator actions of a @pokemon/scheduler.',
    },
    servers: [{ url: ctx.basePath === '' ? '/' : ctx.basePath }],
  });
  const files = loadStaticFiles(ctx.basePath);
  const fallback = (c: Context) => {
    const path = c.req.path.slice(ctx.basePath.length).replace(/^\//, '');
    const isRead = c.req.method === 'GET' || c.req.method === 'HEAD';
    const file = !path.startsWith('api/') && isRead ? serveStatic(c, files, path) : undefined;
    return file ?? errorResponse(c, 404, 'NOT_FOUND', `No route for ${c.req.method} ${c.req.path}`);
  };
  // After every API route: the app's files, and index.html for the app's own paths.
  app.get('*', fallback);
  app.notFound(fallback);
  app.onError((error, c) => {
    const known = apiErrorOf(error);
    if (known) return errorResponse(c, known.status, known.code, known.message);
    if (error instanceof HTTPException)
      return errorResponse(c, 400, 'BAD_REQUEST', error.message || 'Malformed request');
    ctx.logger.error('console: request failed', { error, path: c.req.path });
    return errorResponse(c, 500, 'INTERNAL', 'Internal error; see the service logs');
  });
  return { app, fallback };
}

/**
 * Creates the console over a scheduler and its store: the JSON API under `/api` (its OpenAPI
 * document at `/api/openapi.json`), the live stream at `/api/events`, and the app's pages.
 *
 * @throws {@link ConsoleConfigError} for a malformed token list or base path
 * @example
 * ```ts
 * const console = createConsole({ scheduler, store, tokens: parseTokens(process.env.CONSOLE_TOKENS ?? '', 'CONSOLE_TOKENS') });
 * const response = await console.fetch(request); // any framework that speaks Request/Response
 * ```
 */
export function createConsole(options: ConsoleOptions): ConsoleHandler {
  const ctx = contextOf(options);
  const feed = new LiveFeed({
    scheduler: options.scheduler,
    store: options.store,
    clock: options.clock ?? systemClock,
    logger: ctx.logger,
    pollIntervalMs: options.pollIntervalMs ?? 500,
  });
  const closing = new AbortController();
  const { app, fallback } = buildApp(ctx, feed, closing.signal);
  const root = ctx.basePath === '' ? app : new Hono().route(ctx.basePath, app).notFound(fallback);
  const close = async (): Promise<void> => {
    closing.abort();
    feed.close();
  };
  return {
    fetch: async (request) => root.fetch(request),
    close,
    [Symbol.asyncDispose]: close,
  };
}
