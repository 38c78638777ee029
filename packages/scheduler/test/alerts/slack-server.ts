import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** How the fake Slack answers one request. */
type Reply = { status: number; headers?: Record<string, string>; body?: string } | 'hang';

/** One request the fake Slack received. */
interface Received {
  path: string;
  contentType: string | undefined;
  body: { text: string; blocks: { type: string; [key: string]: unknown }[] };
}

/**
 * A real HTTP server on 127.0.0.1 standing in for a Slack incoming webhook.
 * Answers from a script of replies (then `200 ok`), records what it received
 * and lets tests wait for the n-th request.
 */
export class FakeSlack {
  readonly received: Received[] = [];
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  readonly #script: Reply[] = [];
  readonly #waiters: { count: number; resolve: () => void }[] = [];
  readonly #hanging: ServerResponse[] = [];
  #closing: Promise<void> | undefined;
  /** Requests answered with a non-2xx status or left hanging. */
  rejected = 0;

  private constructor(readonly secretPath: string) {
    this.#server = createServer((req, res) => void this.#handle(req, res));
    this.#server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  /** Starts a server on a random port; the webhook path contains a secret token. */
  static async start(): Promise<FakeSlack> {
    const slack = new FakeSlack('/services/T000SECRET/B000SECRET/xoxSecretToken123');
    slack.#server.listen(0, '127.0.0.1');
    await once(slack.#server, 'listening');
    return slack;
  }

  /** The full webhook URL (a secret). */
  get url(): string {
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}${this.secretPath}`;
  }

  /** Queues replies for the next requests. */
  reply(...replies: Reply[]): void {
    this.#script.push(...replies);
  }

  /** Resolves once `count` requests have been received in total. */
  waitForRequests(count: number): Promise<void> {
    if (this.received.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ count, resolve }));
  }

  /** Headlines (`text` fallback) of the messages received and accepted, in order. */
  headlines(): string[] {
    return this.received.map((r) => r.body.text);
  }

  /** Closes the server (idempotent: a second call waits for the first). */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      for (const res of this.#hanging) res.destroy();
      for (const socket of this.#sockets) socket.destroy();
      this.#server.close();
      await once(this.#server, 'close').catch(() => undefined);
    })();
    return this.#closing;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const reply = this.#script.shift() ?? { status: 200, body: 'ok' };
    const raw = Buffer.concat(chunks).toString('utf8');
    this.received.push({ path: req.url ?? '', contentType: req.headers['content-type'], body: JSON.parse(raw) });
    for (const waiter of [...this.#waiters]) {
      if (this.received.length >= waiter.count) {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
    if (reply === 'hang') {
      this.rejected++;
      this.#hanging.push(res);
      return;
    }
    if (reply.status >= 300) this.rejected++;
    res.writeHead(reply.status, { 'content-type': 'text/plain', ...reply.headers });
    res.end(reply.body ?? (reply.status < 300 ? 'ok' : ''));
  }

  /** Requests Slack accepted (2xx). */
  get accepted(): number {
    return this.received.length - this.rejected;
  }
}
