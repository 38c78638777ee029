/**
 * The runner's run observers, from configuration: traces and metrics exported over OTLP/HTTP by
 * the official SDK to a local collector stand-in (a real HTTP server on 127.0.0.1) when the
 * standard `OTEL_EXPORTER_OTLP_ENDPOINT` is set; the outside monitors from their variables.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMemoryStore, createScheduler, defineJob, type Logger } from '@pokemon/scheduler';
import { createFakeClock, MINUTE } from '@pokemon/scheduler/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logging.js';
import { createObservers } from '../src/observers.js';
import { createRunner } from '../src/runner.js';

interface Request {
  path: string;
  contentType: string | undefined;
  body: string;
}

let server: Server;
let requests: Request[];
let origin: string;

beforeEach(async () => {
  requests = [];
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({
        path: req.url ?? '',
        contentType: req.headers['content-type'],
        body: Buffer.concat(chunks).toString(),
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
});

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

interface OtlpAttribute {
  key: string;
  value: { stringValue?: string; intValue?: string | number };
}

describe('OTLP export', () => {
  it('sends a run’s span and the run metrics to OTEL_EXPORTER_OTLP_ENDPOINT when the runner closes', async () => {
    const env = { OTEL_EXPORTER_OTLP_ENDPOINT: origin, OTEL_SERVICE_NAME: 'cron-test', LOG_LEVEL: 'silent' };
    Object.assign(process.env, env);
    try {
      const config = loadConfig(env);
      expect(config.otlp).toBe(true);
      const job = defineJob({ name: 'sync-sets', schedule: '0 2 * * *', run: async () => ({ inserted: 1 }) });
      const runner = await createRunner(config, {
        logger: createLogger(config, { isTTY: false }),
        jobs: [job],
        store: createMemoryStore(),
      });
      const run = await runner.scheduler.trigger('sync-sets');
      expect(run.status).toBe('succeeded');
      await runner.close(); // flushes the batch span processor and a last metric collection
    } finally {
      for (const name of Object.keys(env)) delete process.env[name];
    }
    const traces = requests.filter((r) => r.path === '/v1/traces');
    expect(traces.length).toBeGreaterThan(0);
    const resourceSpans = traces.flatMap((r) => JSON.parse(r.body).resourceSpans) as {
      resource: { attributes: OtlpAttribute[] };
      scopeSpans: { scope: { name: string }; spans: { name: string; attributes: OtlpAttribute[] }[] }[];
    }[];
    const service = resourceSpans[0]!.resource.attributes.find((a) => a.key === 'service.name');
    expect(service?.value.stringValue).toBe('cron-test');
    const spans = resourceSpans
      .flatMap((r) => r.scopeSpans)
      .flatMap((s) => s.spans.map((span) => ({ scope: s.scope.name, ...span })));
    const runSpan = spans.find((span) => span.name === 'run sync-sets');
    expect(runSpan?.scope).toBe('@pokemon/scheduler');
    const attributes = Object.fromEntries(
      runSpan!.attributes.map((a) => [a.key, a.value.stringValue ?? a.value.intValue]),
    );
    expect(attributes).toMatchObject({
      'scheduler.job.name': 'sync-sets',
      'scheduler.run.status': 'succeeded',
      'faas.trigger': 'other',
    });
    expect(spans.map((span) => span.name)).toContain('attempt sync-sets');

    const metrics = requests
      .filter((r) => r.path === '/v1/metrics')
      .flatMap((r) => JSON.parse(r.body).resourceMetrics) as {
      scopeMetrics: { metrics: { name: string }[] }[];
    }[];
    const names = metrics.flatMap((r) => r.scopeMetrics).flatMap((s) => s.metrics.map((m) => m.name));
    expect(names).toEqual(expect.arrayContaining(['scheduler.run.duration', 'scheduler.run.outcomes']));
  });

  it('loads no SDK when no endpoint is set', async () => {
    const observed = await createObservers(loadConfig({}), silent);
    expect(observed.observers).toEqual([]);
    await observed.close();
  });
});

describe('outside monitors from the environment', () => {
  it('pings POKEMON_CRON_HEALTHCHECKS_URL/<job> and sends Sentry check-ins to SENTRY_DSN’s project', async () => {
    const config = loadConfig({
      POKEMON_CRON_HEALTHCHECKS_URL: `${origin}/hc/pingKey`,
      SENTRY_DSN: `${origin.replace('://', '://publicKey@')}/7`,
      SENTRY_ENVIRONMENT: 'staging',
    });
    const observed = await createObservers(config, silent);
    expect(observed.observers.map((o) => o.name)).toEqual(['healthchecks', 'sentry-crons']);
    const clock = createFakeClock(Date.parse('2026-03-01T00:00:00Z'));
    const job = defineJob({ name: 'backup-database', schedule: '* * * * *', run: () => 'ok' });
    const scheduler = createScheduler({
      jobs: [job],
      store: createMemoryStore({ clock }),
      clock,
      observers: observed.observers,
    });
    await scheduler.start();
    await clock.advance(MINUTE);
    await scheduler.stop();
    await observed.close();
    const paths = requests.map((r) => r.path.replace(/\?.*/, ''));
    expect(paths.filter((p) => p.startsWith('/hc/'))).toEqual([
      '/hc/pingKey/backup-database/start',
      '/hc/pingKey/backup-database',
    ]);
    const checkIns = requests
      .filter((r) => r.path === '/api/7/envelope/')
      .map((r) => JSON.parse(r.body.trim().split('\n')[2]!));
    expect(checkIns.map((c) => [c.monitor_slug, c.status, c.environment])).toEqual([
      ['backup-database', 'in_progress', 'staging'],
      ['backup-database', 'ok', 'staging'],
    ]);
  });
});
