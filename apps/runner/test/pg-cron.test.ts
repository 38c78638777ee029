/**
 * The primary's maintenance as a pg_cron job: `plan`, `list`, `pause` and `/readyz` with a real
 * pg_cron primary, and the one line they print without one.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type PgCronCluster,
  pgCronUnavailable,
  startPgCronCluster,
} from '../../../tools/test-postgres/pg-cron-cluster.js';
import { startHttpServer } from '../src/http/server.js';
import { cli } from './cli-harness.js';

async function baseEnv(): Promise<Record<string, string>> {
  const dir = await mkdtemp(join(tmpdir(), 'cron-runner-pgcron-'));
  return {
    POKEMON_CRON_DB: join(dir, 'pokemon.sqlite3'),
    POKEMON_CRON_STORE: join(dir, 'scheduler.sqlite3'),
    POKEMON_CRON_BACKUP_DIR: join(dir, 'backups'),
    LOG_LEVEL: 'silent',
  };
}

describe('without pg_cron', () => {
  it('plan and list say so in one line, and every other job is there', async () => {
    const env = await baseEnv();
    const plan = await cli(env, 'plan');
    expect(plan.code, plan.stderr).toBe(0);
    const note = 'pg_cron off (PRIMARY_DATABASE_URL is not set): analyze-primary-cards not scheduled';
    expect(plan.stdout.split('\n').filter((line) => line.startsWith('pg_cron'))).toEqual([note]);
    const list = await cli(env, 'list');
    expect(list.stdout).toContain(note);
    expect(list.stdout).toContain('sync-missing-sets');
    const json = JSON.parse((await cli(env, 'plan', '--json')).stdout) as { added: string[]; pgCronNote: string };
    expect(json.added).toHaveLength(8);
    expect(json.pgCronNote).toBe(note);
  });
});

const skip = pgCronUnavailable();
if (skip && process.env.CI) throw new Error(`${skip}; CI must run the pg_cron suite (.ci/run installs it).`);
if (skip) console.log(skip);

describe.skipIf(skip)('with a pg_cron primary (real pg_cron)', () => {
  let cluster: PgCronCluster;
  let env: Record<string, string>;
  beforeAll(async () => {
    cluster = await startPgCronCluster();
    env = { ...(await baseEnv()), PRIMARY_DATABASE_URL: cluster.url };
  }, 60_000);
  afterAll(() => cluster?.stop());

  async function cronJobs() {
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    try {
      return (await client.query('SELECT jobname, schedule, command, active FROM cron.job ORDER BY jobname')).rows;
    } finally {
      await client.end();
    }
  }

  it('plan shows the pg_cron job to add without writing; list shows it beside the others', async () => {
    const plan = await cli(env, 'plan');
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain('~ pg_cron add     analyze-primary-cards');
    expect(plan.stdout).not.toContain('pg_cron off');
    const json = JSON.parse((await cli(env, 'plan', '--json')).stdout) as { added: string[]; pgCron: unknown[] };
    expect(json.added).toContain('analyze-primary-cards');
    expect(json.pgCron).toEqual([{ job: 'analyze-primary-cards', action: 'add' }]);
    expect(await cronJobs()).toEqual([]);
    const listing = JSON.parse((await cli(env, 'list', '--json')).stdout) as { name: string; schedule: string }[];
    expect(listing.map((job) => job.name)).toHaveLength(9);
    expect(listing.find((job) => job.name === 'analyze-primary-cards')).toMatchObject({
      schedule: '30 4 * * *',
      description: 'ANALYZE the replicated card tables on the primary (pg_cron)',
    });
  });

  it('the daemon creates the job in cron.job and reports the launcher; pause makes it inactive', async () => {
    const { loadConfig } = await import('../src/config.js');
    const { createRunner } = await import('../src/runner.js');
    const { createLogger } = await import('../src/logging.js');
    const config = loadConfig({ ...env, POKEMON_CRON_HTTP_PORT: '0' });
    await using runner = await createRunner(config, { logger: createLogger(config, { isTTY: false }) });
    await runner.scheduler.start();
    expect(await cronJobs()).toEqual([
      {
        jobname: 'pokemon-cron:analyze-primary-cards',
        schedule: '30 4 * * *',
        command: 'ANALYZE "pokemon".sets, "pokemon".cards',
        active: true,
      },
    ]);
    const http = await startHttpServer(runner, {
      host: '127.0.0.1',
      port: 0,
      // The probes answer before the console: one that answers nothing stands in for it.
      console: {
        fetch: async () => new Response('no console here', { status: 404 }),
        close: async () => {},
        [Symbol.asyncDispose]: async () => {},
      },
      registry: new Registry(),
      isStarted: () => true,
    });
    try {
      const ready = await fetch(`${http.url}/readyz`);
      expect(await ready.json()).toEqual({ status: 'ready', store: true, started: true, pgCronLauncher: true });
    } finally {
      await http.close();
    }
    await runner.scheduler.pause('analyze-primary-cards', { note: 'reindex' });
    expect((await cronJobs())[0]?.active).toBe(false);
    const run = await runner.scheduler.trigger('analyze-primary-cards').catch((error: Error) => error.message);
    expect(run).toMatch(/runs in pg_cron/);
  });
});
