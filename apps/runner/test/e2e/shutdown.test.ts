import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePrometheus, sampleValue } from '../prometheus.js';
import { runCliProcess, spawnCli, tempRunnerEnv } from './cli-process.js';

const TOKEN = 'e2e-admin-token-0123456789';
const GRACE_MS = 3000;

/** A card API that accepts requests and never answers: the sync job hangs until its signal aborts. */
let api: Server;
let apiUrl: string;
let requestArrived: Promise<void>;

beforeAll(async () => {
  let arrived: () => void = () => {};
  requestArrived = new Promise((resolve) => {
    arrived = resolve;
  });
  api = createServer(() => arrived());
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});

afterAll(async () => {
  api.closeAllConnections();
  await new Promise((resolve) => api.close(resolve));
});

describe('cron-runner start: graceful shutdown (built CLI)', () => {
  it('on SIGTERM while a job runs, exits 0 within the grace period and records the run cancelled', async () => {
    const { env } = await tempRunnerEnv({
      POKEMON_CRON_SOURCE: 'api',
      POKEMONTCG_API_URL: apiUrl,
      POKEMON_CRON_HTTP_PORT: '0',
      POKEMON_CRON_ADMIN_TOKEN: TOKEN,
      POKEMON_CRON_SHUTDOWN_GRACE_MS: String(GRACE_MS),
    });
    const daemon = spawnCli(['start'], env);
    const listening = JSON.parse(await daemon.waitForStderr(/"http server listening"/)) as { url: string };
    await daemon.waitForStderr(/"scheduler started"/);
    const ready = await fetch(`${listening.url}/readyz`);
    expect(ready.status).toBe(200);
    expect((await fetch(`${listening.url}/healthz`)).status).toBe(200);
    const metrics = parsePrometheus(await (await fetch(`${listening.url}/metrics`)).text());
    expect(metrics.types.get('pokemon_cron_runs_total')).toBe('counter');
    expect(metrics.types.get('pokemon_cron_last_success_timestamp_seconds')).toBe('gauge');
    expect(sampleValue(metrics.samples, 'pokemon_cron_runs_running', { job: 'sync-missing-sets' })).toBe(0);

    const trigger = await fetch(`${listening.url}/api/jobs/sync-missing-sets/trigger`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(trigger.status).toBe(202);
    await requestArrived;
    await daemon.waitForStderr(/"run started"/);

    const signalledAt = Date.now();
    daemon.child.kill('SIGTERM');
    const result = await daemon.exited;
    const elapsedMs = Date.now() - signalledAt;
    expect(result.code, result.stderr).toBe(0);
    expect(elapsedMs).toBeLessThan(GRACE_MS + 2000);
    expect(result.stderr).toContain('"stopped"');

    const history = await runCliProcess(['history', '--json', '--job', 'sync-missing-sets'], env);
    const runs = (JSON.parse(history.stdout) as { runs: { status: string; trigger: string }[] }).runs;
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'cancelled', trigger: 'manual' });
    const running = await runCliProcess(['history', '--json', '--status', 'running'], env);
    expect((JSON.parse(running.stdout) as { runs: unknown[] }).runs).toEqual([]);
  });
});
