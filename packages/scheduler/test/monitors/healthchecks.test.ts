/**
 * `healthchecksMonitor` against a real HTTP server on 127.0.0.1, with the scheduler on the fake
 * clock: start and end pings paired by `rid`, failures to `/fail`, retries on 5xx, a hanging or
 * failing Healthchecks that delays neither a run, nor the next slot, nor `stop()`; URLs never logged.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidOptionError, NonRetryableError } from '../../src/index.js';
import { healthchecksMonitor } from '../../src/monitors.js';
import { MINUTE, SECOND } from '../../src/testing.js';
import { until, untilTimerAt } from '../alerts/helpers.js';
import { recordingLogger } from '../alerts/recording-logger.js';
import { harness, T0 } from '../scheduler/helpers.js';
import { MonitorServer } from './monitor-server.js';

const KEY = 'pingKeySecret123';
let server: MonitorServer;

beforeEach(async () => {
  server = await MonitorServer.start();
});
afterEach(async () => {
  await server[Symbol.asyncDispose]();
});

function received(): [string, string | undefined, string][] {
  return server.received.map((r) => [r.path, r.query.rid, r.body]);
}

describe('healthchecksMonitor', () => {
  it('pings <url>/<job>/start then <url>/<job>, both with the run id, for a run that succeeds', async () => {
    const monitor = healthchecksMonitor({ url: `${server.origin}/ping/${KEY}/` });
    await using h = harness([{ name: 'sync-sets', schedule: '*/5 * * * *' }], { observers: [monitor] });
    await h.scheduler.start();
    await h.clock.advance(5 * MINUTE);
    await until(
      () => server.received.length === 2,
      () => 'two pings',
    );
    const run = h.finished[0]!;
    expect(received()).toEqual([
      [`/ping/${KEY}/sync-sets/start`, run.id, `started (schedule, slot ${new Date(T0 + 5 * MINUTE).toISOString()})`],
      [`/ping/${KEY}/sync-sets`, run.id, 'succeeded after 1 attempt'],
    ]);
    expect(server.received.map((r) => r.method)).toEqual(['POST', 'POST']);
  });

  it('pings /fail with how the run failed', async () => {
    const monitor = healthchecksMonitor({ url: `${server.origin}/ping/${KEY}`, createMissing: true });
    await using h = harness(
      [{ name: 'backup', schedule: '0 * * * *', run: () => Promise.reject(new NonRetryableError('disk full')) }],
      { observers: [monitor] },
    );
    await h.scheduler.start();
    await h.clock.advance(60 * MINUTE);
    await until(
      () => server.received.length === 2,
      () => 'two pings',
    );
    expect(server.received.map((r) => [r.path, r.query.create])).toEqual([
      [`/ping/${KEY}/backup/start`, '1'],
      [`/ping/${KEY}/backup/fail`, '1'],
    ]);
    expect(server.received[1]!.body).toBe('failed after 1 attempt: NonRetryableError: disk full');
  });

  it('retries a ping answered 500, on the scheduler’s clock, and sends the end ping after the start ping', async () => {
    server.reply({ status: 500 });
    const monitor = healthchecksMonitor({ url: `${server.origin}/ping/${KEY}`, initialDelayMs: 2 * SECOND });
    await using h = harness([{ name: 'sync-sets', schedule: '*/5 * * * *' }], { observers: [monitor] });
    await h.scheduler.start();
    await h.clock.advance(5 * MINUTE);
    expect(h.finished.map((run) => run.status)).toEqual(['succeeded']);
    await untilTimerAt(h.clock, T0 + 5 * MINUTE + 2 * SECOND);
    expect(server.received).toHaveLength(1);
    await h.clock.advance(2 * SECOND);
    await until(
      () => server.received.length === 3,
      () => 'three pings',
    );
    expect(server.received.map((r) => r.path)).toEqual([
      `/ping/${KEY}/sync-sets/start`,
      `/ping/${KEY}/sync-sets/start`,
      `/ping/${KEY}/sync-sets`,
    ]);
  });

  it('a hanging Healthchecks delays neither the run nor the next slot; the ping times out and is logged without its URL', async () => {
    server.reply('hang');
    const logger = recordingLogger();
    const monitor = healthchecksMonitor({
      url: `${server.origin}/ping/${KEY}`,
      timeoutMs: 30 * SECOND,
      maxAttempts: 1,
      logger,
    });
    await using h = harness([{ name: 'tick', schedule: '* * * * *' }], { observers: [monitor] });
    await h.scheduler.start();
    await h.clock.advance(MINUTE);
    await until(
      () => server.hanging === 1,
      () => 'the start ping hanging',
    );
    await h.clock.advance(MINUTE);
    const runs = h.finished.map((run) => [run.status, run.startedAt?.getTime(), run.finishedAt?.getTime()]);
    expect(runs).toEqual([
      ['succeeded', T0 + MINUTE, T0 + MINUTE],
      ['succeeded', T0 + 2 * MINUTE, T0 + 2 * MINUTE],
    ]);
    await until(
      () => server.received.length === 4,
      () => 'four pings',
    );
    await monitor.flush();
    const warnings = logger.lines.filter((line) => line.startsWith('warn'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`could not report the start of run ${h.finished[0]!.id} of tick`);
    expect(warnings[0]).toContain('healthchecks did not answer within 30000 ms');
    expect(logger.lines.join('\n')).not.toContain(KEY);
    // The first run's end ping still went out, after its start ping gave up.
    expect(server.received.filter((r) => r.query.rid === h.finished[0]!.id).map((r) => r.path)).toEqual([
      `/ping/${KEY}/tick/start`,
      `/ping/${KEY}/tick`,
    ]);
  });

  it('gives up after maxAttempts of 500 with a warning that names the status, never the URL; the job still succeeds', async () => {
    server.reply({ status: 500 }, { status: 503 });
    const logger = recordingLogger();
    const monitor = healthchecksMonitor({
      url: `${server.origin}/ping/${KEY}`,
      maxAttempts: 2,
      initialDelayMs: SECOND,
      logger,
    });
    await using h = harness([{ name: 'tick', schedule: '* * * * *' }], { observers: [monitor] });
    await h.scheduler.start();
    await h.clock.advance(MINUTE);
    await untilTimerAt(h.clock, T0 + MINUTE + SECOND);
    await h.clock.advance(SECOND);
    await until(
      () => server.received.length === 3,
      () => 'three pings',
    );
    await monitor.flush();
    expect(h.finished.map((run) => run.status)).toEqual(['succeeded']);
    const warnings = logger.lines.filter((line) => line.startsWith('warn'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('healthchecks returned 503');
    expect(logger.lines.join('\n')).not.toContain(KEY);
  });

  it('never holds stop() while a ping hangs', async () => {
    server.reply({ status: 200 }, 'hang');
    const monitor = healthchecksMonitor({
      url: `${server.origin}/ping/${KEY}`,
      timeoutMs: 10 * SECOND,
      maxAttempts: 1,
    });
    const h = harness([{ name: 'tick', schedule: '* * * * *' }], { observers: [monitor] });
    await h.scheduler.start();
    await h.clock.advance(MINUTE);
    await until(
      () => server.hanging === 1,
      () => 'the end ping hanging',
    );
    await h[Symbol.asyncDispose](); // no clock move needed
    await h.clock.advance(10 * SECOND);
    await monitor.flush();
  });

  it('reports scheduled and catch-up runs only, unless told otherwise', async () => {
    const scheduledOnly = healthchecksMonitor({ url: `${server.origin}/a` });
    const manualToo = healthchecksMonitor({ url: `${server.origin}/b`, triggers: ['manual'] });
    await using h = harness([{ name: 'report', schedule: '0 3 * * *' }], { observers: [scheduledOnly, manualToo] });
    await h.scheduler.trigger('report');
    await until(
      () => server.received.length === 2,
      () => 'two pings',
    );
    expect(server.received.map((r) => r.path)).toEqual(['/b/report/start', '/b/report']);
  });

  it('maps jobs to check URLs with a function (undefined: not monitored)', async () => {
    const monitor = healthchecksMonitor({
      url: (job) => (job.definition.name === 'watched' ? `${server.origin}/uuid-1234` : undefined),
    });
    await using h = harness(
      [
        { name: 'watched', schedule: '* * * * *' },
        { name: 'ignored', schedule: '* * * * *' },
      ],
      { observers: [monitor] },
    );
    await h.scheduler.start();
    await h.clock.advance(MINUTE);
    await until(
      () => server.received.length === 2,
      () => 'two pings',
    );
    await monitor.flush();
    expect(server.received.map((r) => r.path)).toEqual(['/uuid-1234/start', '/uuid-1234']);
  });

  it('rejects a URL that is not http(s) without echoing it', () => {
    const attempt = (): unknown => healthchecksMonitor({ url: `hc-ping.com/${KEY}` });
    expect(attempt).toThrow(InvalidOptionError);
    expect(attempt).toThrow(/POKEMON_CRON_HEALTHCHECKS_URL/);
    expect(attempt).not.toThrow(new RegExp(KEY));
  });
});
