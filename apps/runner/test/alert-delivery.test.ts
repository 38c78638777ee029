/**
 * A stop that cuts an alert's delivery short says so (fake clock, a real local
 * HTTP server standing in for Slack that never answers).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMemoryStore, createScheduler, defineJob, type Logger } from '@pokemon/scheduler';
import { slackNotifier } from '@pokemon/scheduler/slack';
import { createFakeClock, SECOND } from '@pokemon/scheduler/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportAbandonedDelivery } from '../src/alert-delivery.js';

const held: ServerResponse[] = [];
let received: (body: string) => void = () => {};
const server = createServer((request: IncomingMessage, response: ServerResponse) => {
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString()));
  request.on('end', () => {
    held.push(response);
    received(body);
  });
});
let webhookUrl: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  for (const response of held) response.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function recordingLogger(): Logger & { lines: { message: string; fields?: Record<string, unknown> }[] } {
  const lines: { message: string; fields?: Record<string, unknown> }[] = [];
  const at = (message: string, fields?: Record<string, unknown>): void => void lines.push({ message, fields });
  return { lines, debug: () => {}, info: () => {}, warn: at, error: at };
}

describe('alert delivery at the end of a one-shot run', () => {
  it('logs that it gave up when Slack has not answered within the stop bound', async () => {
    const clock = createFakeClock(new Date('2026-06-01T00:00:00Z'));
    const logger = recordingLogger();
    const slack = slackNotifier({ webhookUrl, clock, minSeverity: 'warning' });
    const job = defineJob({
      name: 'failing-sync',
      schedule: '@daily',
      run: async () => {
        throw new Error('card API down');
      },
    });
    const scheduler = createScheduler({
      jobs: [job],
      store: createMemoryStore({ clock }),
      clock,
      logger,
      notifier: reportAbandonedDelivery(slack, logger, clock),
    });
    const arrived = new Promise<string>((resolve) => {
      received = resolve;
    });
    expect((await scheduler.trigger('failing-sync')).status).toBe('failed');
    expect(await arrived).toContain('failing-sync');
    const stopped = scheduler.stop();
    await clock.advance(5 * SECOND);
    await stopped;
    expect(logger.lines).toContainEqual({
      message: 'Gave up on alert delivery: the process is stopping',
      fields: expect.objectContaining({ notifier: 'slack', key: 'failing-sync:failing', waitedMs: 5 * SECOND }),
    });
    expect(JSON.stringify(logger.lines)).not.toContain(webhookUrl);
  });
});
