/**
 * `sentryCronsMonitor` against a real HTTP server on 127.0.0.1 standing in for Sentry's envelope
 * endpoint, with the scheduler on the fake clock: an `in_progress` check-in with the monitor's
 * configuration, then `ok`/`error` with the same `check_in_id` (the run's id); DSNs never echoed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../src/index.js';
import { sentryCronsMonitor } from '../../src/monitors.js';
import { MINUTE, SECOND } from '../../src/testing.js';
import { until, untilTimerAt } from '../alerts/helpers.js';
import { harness, T0 } from '../scheduler/helpers.js';
import { MonitorServer, type Received } from './monitor-server.js';

const PUBLIC_KEY = 'abcdef0123456789secret';
let server: MonitorServer;

beforeEach(async () => {
  server = await MonitorServer.start();
});
afterEach(async () => {
  await server[Symbol.asyncDispose]();
});

function dsn(): string {
  return `${server.origin.replace('://', `://${PUBLIC_KEY}@`)}/relay/42`;
}

/** The envelope's items: [item header, payload]. */
function checkIn(request: Received): Record<string, unknown> {
  const [envelopeHeader, itemHeader, payload] = request.body.trimEnd().split('\n');
  expect(JSON.parse(envelopeHeader!)).toEqual({});
  expect(JSON.parse(itemHeader!)).toEqual({ type: 'check_in' });
  return JSON.parse(payload!) as Record<string, unknown>;
}

describe('sentryCronsMonitor', () => {
  it('sends in_progress with the monitor config, then ok with the same check_in_id and the duration', async () => {
    const monitor = sentryCronsMonitor({ dsn: dsn(), environment: 'staging' });
    let finish: () => void = () => undefined;
    await using h = harness(
      [
        {
          name: 'sync-cards',
          schedule: '0 3 * * *',
          timezone: 'Europe/Paris',
          timeoutMs: 10 * MINUTE,
          retry: { attempts: 3, initialDelayMs: SECOND, maxDelayMs: 30 * SECOND },
          run: () => new Promise<void>((resolve) => (finish = resolve)),
        },
      ],
      { observers: [monitor] },
    );
    await h.scheduler.start();
    await h.clock.advance(2 * 60 * MINUTE); // 03:00 in Paris is 02:00 UTC in March
    await until(
      () => server.received.length === 1,
      () => 'the in_progress check-in',
    );
    await h.clock.advance(90 * SECOND);
    finish();
    await h.clock.advance(0);
    await until(
      () => server.received.length === 2,
      () => 'the final check-in',
    );
    const run = h.finished[0]!;
    const [first, last] = server.received;
    expect(first!.path).toBe('/relay/api/42/envelope/');
    expect(first!.headers['content-type']).toBe('application/x-sentry-envelope');
    expect(first!.headers['x-sentry-auth']).toContain(`sentry_key=${PUBLIC_KEY}`);
    const checkInId = run.id.replaceAll('-', '');
    expect(checkIn(first!)).toEqual({
      check_in_id: checkInId,
      monitor_slug: 'sync-cards',
      status: 'in_progress',
      environment: 'staging',
      monitor_config: {
        schedule: { type: 'crontab', value: '0 3 * * *' },
        timezone: 'Europe/Paris',
        // 3 attempts of 10 min, plus two retry delays of at most 30 s: 31 min.
        max_runtime: 31,
        checkin_margin: 1,
      },
    });
    expect(checkIn(last!)).toEqual({
      check_in_id: checkInId,
      monitor_slug: 'sync-cards',
      status: 'ok',
      duration: 90,
      environment: 'staging',
    });
    expect(run.startedAt?.getTime()).toBe(T0 + 2 * 60 * MINUTE);
  });

  it('sends error for a failed run, and retries a check-in answered 429', async () => {
    server.reply({ status: 429 });
    const monitor = sentryCronsMonitor({
      dsn: dsn(),
      initialDelayMs: 5 * SECOND,
      slug: (job) => `pokemon-${job.definition.name}`,
    });
    await using h = harness(
      [{ name: 'backup', schedule: '*/10 * * * * *', run: () => Promise.reject(new Error('no space')) }],
      {
        observers: [monitor],
      },
    );
    await h.scheduler.start();
    await h.clock.advance(10 * SECOND);
    await untilTimerAt(h.clock, T0 + 15 * SECOND);
    await h.clock.advance(5 * SECOND);
    await until(
      () => server.received.length >= 3,
      () => 'three check-ins',
    );
    await monitor.flush();
    const payloads = server.received.slice(0, 3).map(checkIn);
    expect(payloads.map((p) => [p.monitor_slug, p.status])).toEqual([
      ['pokemon-backup', 'in_progress'],
      ['pokemon-backup', 'in_progress'],
      ['pokemon-backup', 'error'],
    ]);
    // A six-field (seconds) schedule has no crontab form: no schedule is sent.
    expect(payloads[0]!.monitor_config).toEqual({ timezone: 'UTC', max_runtime: 5, checkin_margin: 1 });
  });

  it.each([
    ['no public key', 'https://sentry.example.com/42'],
    ['no project id', `https://${PUBLIC_KEY}@sentry.example.com/`],
    ['not a URL', `${PUBLIC_KEY}@sentry`],
  ])('rejects a DSN with %s, without echoing it', (what, bad) => {
    const attempt = (): unknown => sentryCronsMonitor({ dsn: bad });
    expect(attempt).toThrow(InvalidOptionError);
    expect(attempt).toThrow(new RegExp(`${what}.*SENTRY_DSN`));
    expect(attempt).not.toThrow(new RegExp(PUBLIC_KEY));
  });
});
