/**
 * The daemon's HTTP server (node:http): `/healthz`, `/readyz` and `/metrics` for probes and
 * Prometheus, and everything else to the web console (`@pokemon/console`: its API, live stream
 * and pages), which answers only to configured tokens.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConsoleHandler } from '@pokemon/console';
import { toNodeListener } from '@pokemon/console/node';
import type { Registry } from 'prom-client';
import type { Runner } from '../runner.js';
import { sendError, sendJson, sendText } from './respond.js';

const READY_TIMEOUT_MS = 2000;

/** Options of {@link startHttpServer}. */
export interface HttpServerOptions {
  /** Interface to bind. */
  host: string;
  /** Port; 0 picks a free one. */
  port: number;
  /** The web console, served on every path but the probes'. */
  console: ConsoleHandler;
  /** What `/metrics` serves. */
  registry: Registry;
  /** Whether the scheduler has started (and not begun stopping): `/readyz` is 503 otherwise. */
  isStarted(): boolean;
}

/** A listening server. */
export interface RunnerHttpServer {
  /** `http://host:port`, with the port actually bound. */
  readonly url: string;
  /** Ends the console's live streams, stops accepting connections and closes idle ones. */
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

/** Answers a probe or `/metrics`; `false` for any other path. */
async function probe(runner: Runner, options: HttpServerOptions, req: IncomingMessage, res: ServerResponse) {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  // Probes answer HEAD too (node:http sends the headers and drops the body).
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (path === '/healthz') sendJson(res, 200, { status: 'ok' });
  else if (path === '/readyz') {
    const store = await answersTrue(() => runner.store.now().then(() => true));
    const started = options.isStarted();
    const ready = store && started;
    // Reported, not required: without the launcher only the pg_cron jobs stop (and alert as missed).
    const source = runner.pgCron;
    const pgCron = source ? { pgCronLauncher: await answersTrue(() => source.launcherRunning()) } : {};
    sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not-ready', store, started, ...pgCron });
  } else if (path === '/metrics') {
    sendText(res, 200, await options.registry.metrics(), options.registry.contentType);
  } else return false;
  return true;
}

/** Starts the server. */
export async function startHttpServer(runner: Runner, options: HttpServerOptions): Promise<RunnerHttpServer> {
  const consoleListener = toNodeListener(options.console);
  const server: Server = createServer((req, res) => {
    const fail = (error: unknown): void => {
      runner.logger.error({ err: error, path: req.url }, 'http request failed');
      if (!res.headersSent) sendError(res, 500, 'INTERNAL', 'Internal error; see the runner logs');
      else res.destroy();
    };
    probe(runner, options, req, res)
      .then((answered) => (answered ? undefined : consoleListener(req, res)))
      .catch(fail);
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
    close: async () => {
      await options.console.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}
