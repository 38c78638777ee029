import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunRecord } from '@pokemon/scheduler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tools/test-postgres/database.js';
import { writeSubsetCatalogue } from './catalogue.js';
import { runCliProcess, tempRunnerEnv } from './cli-process.js';

const JOBS = [
  'sync-missing-sets',
  'sync-missing-cards',
  'validate-data-integrity',
  'backup-database',
  'rotate-backups',
  'replicate-to-primary',
  'database-health-check',
  'cleanup-stale-data',
] as const;

type JsonRun = Omit<RunRecord, 'scheduledFor' | 'createdAt' | 'startedAt' | 'finishedAt'> & Record<string, unknown>;

let db: TestDatabase;
let env: Record<string, string>;
const printed = new Map<string, JsonRun>();

async function cli(...args: string[]) {
  return runCliProcess(args, env);
}

beforeAll(async () => {
  db = await createTestDatabase('runner_e2e_jobs');
  const temp = await tempRunnerEnv();
  const source = await writeSubsetCatalogue(join(temp.dir, 'tcg-data'));
  await mkdir(join(temp.dir, 'backups'), { recursive: true });
  env = { ...temp.env, POKEMON_CRON_SOURCE: source, PRIMARY_DATABASE_URL: db.url };
});

afterAll(async () => {
  await db?.drop();
});

describe('cron-runner run <job> (built CLI, temp catalogue, test PostgreSQL)', () => {
  it.each(JOBS.map((job) => [job]))('runs %s: exit 0, its run printed as JSON', async (job) => {
    const { code, stdout, stderr } = await cli('run', job, '--json');
    expect(code, stderr).toBe(0);
    const runs = JSON.parse(stdout) as JsonRun[];
    const run = runs.at(-1)!;
    expect(run).toMatchObject({ job, status: 'succeeded', trigger: 'manual' });
    expect(run.result).toBeDefined();
    printed.set(job, run);
    // JSON logs on stderr carry the job and the run id.
    const finished = stderr
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg: string; job?: string; runId?: string })
      .find((line) => line.msg === 'run finished');
    expect(finished).toMatchObject({ job, runId: run.id });
  });

  it('history --json round-trips the runs, and its cursor pages through them', async () => {
    const all = await cli('history', '--json', '--limit', '100');
    expect(all.code, all.stderr).toBe(0);
    const page = JSON.parse(all.stdout) as { runs: JsonRun[]; nextCursor?: string };
    expect(page.nextCursor).toBeUndefined();
    expect(page.runs.map((run) => run.job).sort()).toEqual([...JOBS].sort());
    for (const run of page.runs) expect(run).toEqual(printed.get(run.job as string));

    const paged: JsonRun[] = [];
    let cursor: string | undefined;
    do {
      const args = ['history', '--json', '--limit', '3', ...(cursor ? ['--cursor', cursor] : [])];
      const next = JSON.parse((await cli(...args)).stdout) as { runs: JsonRun[]; nextCursor?: string };
      paged.push(...next.runs);
      cursor = next.nextCursor;
    } while (cursor);
    expect(paged).toEqual(page.runs);

    const filtered = JSON.parse((await cli('history', '--json', '--job', 'backup-database')).stdout) as {
      runs: JsonRun[];
    };
    expect(filtered.runs.map((run) => run.id)).toEqual([printed.get('backup-database')!.id]);
  });

  it('lists jobs as JSON with the documented shape', async () => {
    const { code, stdout } = await cli('list', '--json');
    expect(code).toBe(0);
    const listing = JSON.parse(stdout) as Record<string, unknown>[];
    expect(listing.map((job) => job.name)).toEqual([...JOBS].sort((a, b) => JOBS.indexOf(a) - JOBS.indexOf(b)));
    for (const job of listing) {
      expect(Object.keys(job).sort()).toEqual([
        'dependsOn',
        'description',
        'name',
        'nextRuns',
        'schedule',
        'state',
        'timezone',
      ]);
      expect(job.nextRuns).toHaveLength(3);
      expect(job.state).toBe('active');
    }
    expect(listing.find((job) => job.name === 'sync-missing-cards')).toMatchObject({
      schedule: '0 3 * * *',
      timezone: 'UTC',
      dependsOn: ['sync-missing-sets'],
    });
  });

  it('pauses and resumes a job in the store', async () => {
    expect((await cli('pause', 'rotate-backups', '--note', 'disk swap')).code).toBe(0);
    const paused = JSON.parse((await cli('status', '--json')).stdout) as {
      name: string;
      state: string;
      pauseNote: string;
    }[];
    expect(paused.find((job) => job.name === 'rotate-backups')).toMatchObject({
      state: 'paused',
      pauseNote: 'disk swap',
    });
    expect((await cli('resume', 'rotate-backups')).code).toBe(0);
    const listing = JSON.parse((await cli('list', '--json')).stdout) as { name: string; state: string }[];
    expect(listing.find((job) => job.name === 'rotate-backups')?.state).toBe('active');
  });

  it('lists and verifies the backup the backup job made', async () => {
    const list = await cli('backups', 'list', '--json');
    expect(list.code, list.stderr).toBe(0);
    const backups = JSON.parse(list.stdout) as { name: string; verified: boolean }[];
    expect(backups).toHaveLength(1);
    expect(backups[0]!.verified).toBe(true);
    const verify = await cli('backups', 'verify', '--json');
    expect(verify.code, verify.stderr).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true });
  });

  it('restores the catalogue from a backup only when confirmed', async () => {
    const backups = JSON.parse((await cli('backups', 'list', '--json')).stdout) as { name: string }[];
    const name = backups[0]!.name;
    const refused = await cli('backups', 'restore', name);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe('backups restore replaces the catalogue: add --yes to confirm\n');
    const restored = await cli('backups', 'restore', name, '--yes', '--json');
    expect(restored.code, restored.stderr).toBe(0);
    expect(JSON.parse(restored.stdout)).toMatchObject({ catalogPath: env.POKEMON_CRON_DB });
    const unknown = await cli('backups', 'restore', 'nope.sqlite3.gz', '--yes');
    expect(unknown.code).toBe(2);
    const check = await cli('run', 'validate-data-integrity', '--json');
    expect(check.code, check.stderr).toBe(0);
  });

  it('exits 2 and names the known jobs for an unknown job', async () => {
    const { code, stderr } = await cli('run', 'sync-everything');
    expect(code).toBe(2);
    expect(stderr).toContain('Unknown job "sync-everything"');
    expect(stderr).toContain('sync-missing-sets');
  });
});
