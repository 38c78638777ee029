import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from './cli-harness.js';

/** Runs the CLI in-process against a temp directory; returns the exit code and what it printed. */

let env: Record<string, string>;

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cron-runner-cli-'));
  env = {
    POKEMON_CRON_DB: join(dir, 'pokemon.sqlite3'),
    POKEMON_CRON_STORE: join(dir, 'scheduler.sqlite3'),
    POKEMON_CRON_BACKUP_DIR: join(dir, 'backups'),
    LOG_LEVEL: 'silent',
  };
});

describe('cron-runner commands (in-process, SQLite store)', () => {
  it('plan reports every job as added on a new store, without writing', async () => {
    const first = await cli(env, 'plan', '--json');
    expect(first.code, first.stderr).toBe(0);
    const plan = JSON.parse(first.stdout) as { added: string[]; nextRuns: Record<string, string[]> };
    expect(plan.added).toHaveLength(8);
    expect(plan.nextRuns['backup-database']).toHaveLength(3);
    const again = JSON.parse((await cli(env, 'plan', '--json')).stdout) as { added: string[] };
    expect(again.added).toHaveLength(8);
    const human = await cli(env, 'plan');
    expect(human.stdout).toContain('+ add     sync-missing-sets');
    expect(human.stdout).toContain('next runs:');
  });

  it('schedule overrides a job on the store and --clear restores it', async () => {
    const set = await cli(env, 'schedule', 'rotate-backups', '30 1 * * *');
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toBe(
      'rotate-backups: now 30 1 * * * (At 01:30) on every instance; running daemons pick it up within 30 s (their store poll)\n',
    );
    let listing = JSON.parse((await cli(env, 'list', '--json')).stdout) as {
      name: string;
      schedule: string;
      nextRuns: string[];
    }[];
    const rotate = listing.find((job) => job.name === 'rotate-backups')!;
    expect(rotate.schedule).toBe('30 1 * * *');
    expect(rotate.nextRuns.every((iso) => iso.endsWith('T01:30:00.000Z'))).toBe(true);
    const plan = JSON.parse((await cli(env, 'plan', '--json')).stdout) as { unchanged: string[] };
    expect(plan.unchanged).toHaveLength(8);

    const bad = await cli(env, 'schedule', 'rotate-backups', '61 * * * *');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/rotate-backups/);
    expect((await cli(env, 'schedule', 'rotate-backups')).code).toBe(2);

    expect((await cli(env, 'schedule', 'rotate-backups', '--clear')).code).toBe(0);
    listing = JSON.parse((await cli(env, 'list', '--json')).stdout);
    expect(listing.find((job) => job.name === 'rotate-backups')!.schedule).toBe('0 1 * * *');
  });

  it('backfill replays the slots of a range, oldest first', async () => {
    const { code, stdout, stderr } = await cli(
      env,
      'backfill',
      'rotate-backups',
      '--from',
      '2026-01-01T00:00:00Z',
      '--to',
      '2026-01-03T23:00:00Z',
      '--json',
    );
    expect(code, stderr).toBe(0);
    const runs = JSON.parse(stdout) as { scheduledFor: string; trigger: string; status: string }[];
    expect(runs.map((run) => run.scheduledFor)).toEqual([
      '2026-01-01T01:00:00.000Z',
      '2026-01-02T01:00:00.000Z',
      '2026-01-03T01:00:00.000Z',
    ]);
    expect(runs.every((run) => run.trigger === 'backfill' && run.status === 'succeeded')).toBe(true);
    const reversed = await cli(env, 'backfill', 'rotate-backups', '--from', '2026-01-03', '--to', '2026-01-01');
    expect(reversed.code).toBe(2);
    expect(reversed.stderr).toMatch(/^--from \(2026-01-03T00:00:00.000Z\) is after --to/);
  });

  it('history prints a table, pages with a cursor, and rejects bad filters with exit 2', async () => {
    const page = await cli(env, 'history', '--limit', '2');
    expect(page.code).toBe(0);
    expect(page.stdout).toMatch(/│ id +│ job +│ slot/);
    expect(page.stdout).toMatch(/older runs: --cursor \S+\n$/);
    const since = JSON.parse((await cli(env, 'history', '--json', '--since', '2026-01-02')).stdout) as {
      runs: unknown[];
    };
    expect(since.runs).toHaveLength(2);
    const bad = await cli(env, 'history', '--status', 'done');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      '--status: expected statuses among running, succeeded, failed, timed_out, cancelled, skipped, missed, abandoned, got "done"\n',
    );
    expect((await cli(env, 'history', '--since', 'yesterday')).code).toBe(2);
    expect((await cli(env, 'history', '--limit', '0')).code).toBe(2);
  });

  it('history names the flag of a bogus cursor, an unknown job (with the closest name) and an inverted range, exit 2', async () => {
    const cursor = await cli(env, 'history', '--cursor', 'bogus');
    expect(cursor.code).toBe(2);
    expect(cursor.stderr).toBe(
      '--cursor: not a history cursor, got "bogus"; pass the nextCursor of a previous page unchanged, or omit it for the first page\n',
    );
    const job = await cli(env, 'history', '--job', 'rotate-backup');
    expect(job.code).toBe(2);
    expect(job.stderr).toMatch(/^--job: Unknown job "rotate-backup"\. Did you mean "rotate-backups"\? Known jobs: /);
    const range = await cli(env, 'history', '--since', '2026-01-03', '--until', '2026-01-01');
    expect(range.code).toBe(2);
    expect(range.stderr).toBe(
      '--since (2026-01-03T00:00:00.000Z) is after --until (2026-01-01T00:00:00.000Z): nothing can match; swap them\n',
    );
  });

  it.each([['list'], ['history'], ['status']])('%s fits its table to COLUMNS, keeping every row', async (command) => {
    const { code, stdout, stderr } = await cli({ ...env, COLUMNS: '100' }, command);
    expect(code, stderr).toBe(0);
    expect(Math.max(...stdout.split('\n').map((line) => [...line].length))).toBeLessThanOrEqual(100);
    if (command !== 'history') expect(stdout.match(/│ rotate-backups /g)).toHaveLength(1);
  });

  it('pause and resume say when running daemons pick the change up', async () => {
    const paused = await cli(env, 'pause', 'cleanup-stale-data', '--note', 'disk swap');
    expect(paused.stdout).toBe(
      'paused cleanup-stale-data (disk swap); running daemons pick it up within 30 s (their store poll)\n',
    );
    const resumed = await cli(env, 'resume', 'cleanup-stale-data');
    expect(resumed.stdout).toBe(
      'resumed cleanup-stale-data; running daemons pick it up within 30 s (their store poll)\n',
    );
  });

  it('status shows the last run per job', async () => {
    const { code, stdout } = await cli(env, 'status');
    expect(code).toBe(0);
    expect(stdout).toMatch(/│ rotate-backups +│ active +│ 2026-01-03 01:00:00Z │ succeeded/);
    const json = JSON.parse((await cli(env, 'status', '--json')).stdout) as {
      name: string;
      consecutiveFailures: number;
    }[];
    expect(json).toHaveLength(8);
  });

  it('config prints every setting, one per line', async () => {
    const { code, stdout } = await cli({ ...env, POKEMONTCG_API_KEY: 'secret-key' }, 'config');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^maxConcurrency +3$/m);
    expect(stdout).toMatch(/^primaryDatabaseUrl +\(not set\)$/m);
    expect(stdout).not.toContain('secret-key');
  });
});
