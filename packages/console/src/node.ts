/**
 * `@pokemon/console/node`: the console on Node's `http` server (or Express, Fastify's raw
 * handler): a `(req, res)` listener that turns the request into a web `Request` and streams the
 * `Response` back (live events included), through `@hono/node-server`.
 *
 * @packageDocumentation
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { ConsoleHandler } from './create-console.js';

/** A `node:http` request listener. */
export type NodeRequestListener = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * Adapts a console to `node:http`.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createConsole } from '@pokemon/console';
 * import { toNodeListener } from '@pokemon/console/node';
 *
 * createServer(toNodeListener(createConsole({ scheduler, store, tokens }))).listen(8080, '127.0.0.1');
 * ```
 */
export function toNodeListener(console: ConsoleHandler): NodeRequestListener {
  const listener = getRequestListener((request) => console.fetch(request));
  return async (req, res) => {
    await listener(req, res);
  };
}
