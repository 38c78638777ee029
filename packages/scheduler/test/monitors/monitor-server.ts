import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** How the fake monitor answers one request: a status, or never. */
export type Reply = { status: number; body?: string } | 'hang';

/** One request the fake monitor received. */
export interface Received {
  method: string;
  /** Path without the query. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * A real HTTP server on 127.0.0.1 standing in for Healthchecks or Sentry: answers from a script
 * of replies (then `200 OK`), records every request, and holds `hang` replies open until closed.
 */
export class MonitorServer implements AsyncDisposable {
  readonly received: Received[] = [];
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  readonly #script: Reply[] = [];
  readonly #hanging: ServerResponse[] = [];

  private constructor() {
    this.#server = createServer((req, res) => void this.#handle(req, res));
    this.#server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  static async start(): Promise<MonitorServer> {
    const server = new MonitorServer();
    server.#server.listen(0, '127.0.0.1');
    await once(server.#server, 'listening');
    return server;
  }

  /** `http://127.0.0.1:<port>` */
  get origin(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Queues replies for the next requests. */
  reply(...replies: Reply[]): void {
    this.#script.push(...replies);
  }

  /** Requests left hanging so far. */
  get hanging(): number {
    return this.#hanging.length;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    for (const res of this.#hanging) res.destroy();
    for (const socket of this.#sockets) socket.destroy();
    this.#server.close();
    await once(this.#server, 'close').catch(() => undefined);
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    this.received.push({
      method: req.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    });
    const reply = this.#script.shift() ?? { status: 200, body: 'OK' };
    if (reply === 'hang') {
      this.#hanging.push(res);
      return;
    }
    res.writeHead(reply.status, { 'content-type': 'text/plain' });
    res.end(reply.body ?? '');
  }
}
