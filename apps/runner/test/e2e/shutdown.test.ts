import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parsePrometheus, sampleValue } from '../prometheus.js';
import { type CliProcess, runCliProcess, spawnCli, tempRunnerEnv } from './cli-process.js';

const TOKEN = 'e2e-admin-token-0123456789';
const GRACE_MS = 3000;

/** A card API that accepts requests and never answers: the sync job hangs until its signal aborts. */
interface HangingApi {
  url: string;
  /** Resolves when the first request arrived. */
  requested: Promise<void>;
  close(): Promise<void>;
}

const apis: HangingApi[] = [];

async function hangingApi(): Promise<HangingApi> {
  let arrived: () => void = () => {};
  const requested = new Promise<void>((resolve) => {
    arrived = resolve;
  });
  const server: Server = createServer(() => arrived());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const api = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requested,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  apis.push(api);
  return api;
}

afterEach(async () => {
  await Promise.all(apis.splice(0).map((api) => api.close()));
});

/** Starts the daemon on a hanging API and gets `sync-missing-sets` running. */
async function daemonWithRunningJob(): Promise<{ daemon: CliProcess; url: string; env: Record<string, string> }> {
  const api = await hangingApi();
  const { env } = await tempRunnerEnv({
    POKEMON_CRON_SOURCE: 'api',
    POKEMONTCG_API_URL: api.url,
    POKEMON_CRON_HTTP_PORT: '0',
    POKEMON_CRON_ADMIN_TOKEN: TOKEN,
    POKEMON_CRON_SHUTDOWN_GRACE_MS: String(GRACE_MS),
  });
  const daemon = spawnCli(['start'], env);
  const { url } = JSON.parse(await daemon.waitForStderr(/"http server listening"/)) as { url: string };
  await daemon.waitForStderr(/"scheduler started"/);
  const trigger = await fetch(`${url}/api/jobs/sync-missing-sets/trigger`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  expect(trigger.status).toBe(202);
  await api.requested;
  await daemon.waitForStderr(/"run started"/);
  return { daemon, url, env };
}

describe('cron-runner start: HTTP and shutdown (built CLI)', () => {
  it('serves /healthz, /readyz and /metrics; on SIGTERM while a job runs, exits 0 within the grace period and records the run cancelled', async () => {
    const { daemon, url, env } = await daemonWithRunningJob();
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    const metrics = parsePrometheus(await (await fetch(`${url}/metrics`)).text());
    expect(metrics.types.get('pokemon_cron_runs_total')).toBe('counter');
    expect(metrics.types.get('pokemon_cron_last_success_timestamp_seconds')).toBe('gauge');
    expect(sampleValue(metrics.samples, 'pokemon_cron_runs_running', { job: 'sync-missing-sets' })).toBe(1);

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
