/**
 * The daemon's HTTP server (node:http): `/healthz`, `/readyz`, `/metrics`
 * and the admin API under `/api`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import type { Runner } from '../runner.js';
import { handleAdmin } from './admin.js';
import { hasBearerToken } from './auth.js';
import { HttpError, sendError, sendJson, sendText } from './respond.js';

const READY_TIMEOUT_MS = 2000;

/** Options of {@link startHttpServer}. */
export interface HttpServerOptions {
  /** Interface to bind. */
  host: string;
  /** Port; 0 picks a free one. */
  port: number;
  /** Bearer token of `/api` (required for POST; when set, required for GET too). */
  adminToken: string | undefined;
  /** What `/metrics` serves. */
  registry: Registry;
  /** Whether the scheduler has started (and not begun stopping): `/readyz` is 503 otherwise. */
  isStarted(): boolean;
}

/** A listening server. */
export interface RunnerHttpServer {
  /** `http://host:port`, with the port actually bound. */
  readonly url: string;
  /** Stops accepting connections and closes idle ones. */
  close(): Promise<void>;
}

/** `check()`'s answer within {@link READY_TIMEOUT_MS}; `false` when it fails or takes longer. */
async function answersTrue(check: () => Promise<boolean>): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), READY_TIMEOUT_MS);
  });
  try {
    return await Promise.race([check(), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

async function route(runner: Runner, options: HttpServerOptions, req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://localhost');
  // Probes answer HEAD too (node:http sends the headers and drops the body).
  const read = req.method === 'GET' || req.method === 'HEAD';
  if (read && url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok' });
  if (read && url.pathname === '/readyz') {
    const store = await answersTrue(() => runner.store.now().then(() => true));
    const started = options.isStarted();
    // Reported, not required: without the launcher only the pg_cron jobs stop (and alert as missed).
    const source = runner.pgCron;
    const pgCron = source ? { pgCronLauncher: await answersTrue(() => source.launcherRunning()) } : {};
    return sendJson(res, store && started ? 200 : 503, {
      status: store && started ? 'ready' : 'not-ready',
      store,
      started,
      ...pgCron,
    });
  }
  if (read && url.pathname === '/metrics') {
    return sendText(res, 200, await options.registry.metrics(), options.registry.contentType);
  }
  if (url.pathname.startsWith('/api/')) {
    const authorized = options.adminToken !== undefined && hasBearerToken(req, options.adminToken);
    if (options.adminToken !== undefined && !authorized) {
      throw new HttpError(401, 'UNAUTHORIZED', 'Send Authorization: Bearer <POKEMON_CRON_ADMIN_TOKEN>');
    }
    if (await handleAdmin(runner, req, res, url, authorized)) return;
  }
  sendError(res, 404, 'NOT_FOUND', `No route for ${req.method} ${url.pathname}`);
}

/**
 * Starts the server. Refuses a non-loopback `host` without an admin token
 * (the configuration already rejects it; this guards programmatic use).
 */
export async function startHttpServer(runner: Runner, options: HttpServerOptions): Promise<RunnerHttpServer> {
  if (!['127.0.0.1', '::1', 'localhost'].includes(options.host) && options.adminToken === undefined) {
    throw new Error(`Refusing to serve the admin API on ${options.host} without an admin token`);
  }
  const server: Server = createServer((req, res) => {
    route(runner, options, req, res).catch((error: unknown) => {
      if (error instanceof HttpError) return sendError(res, error.status, error.code, error.message);
      runner.logger.error({ err: error, path: req.url }, 'http request failed');
      if (!res.headersSent) sendError(res, 500, 'INTERNAL', 'Internal error; see the runner logs');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
