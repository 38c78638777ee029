// `cron-runner audit`: what the CLI's operator actions and the deploy recorded, read back.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli as runCliWith } from './cli-harness.js';

/** The CLI with a wide terminal, so tables are not cut. */
const cli = (env: Record<string, string>, ...argv: string[]) => runCliWith({ ...env, COLUMNS: '200' }, ...argv);

interface Entry {
  id: string;
  at: string;
  actor: string;
  action: string;
  job?: string;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  note?: string;
  instanceId?: string;
}

const me = `cli:${userInfo().username}`;
let env: Record<string, string>;

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cron-runner-audit-'));
  env = {
    POKEMON_CRON_DB: join(dir, 'pokemon.sqlite3'),
    POKEMON_CRON_STORE: join(dir, 'scheduler.sqlite3'),
    POKEMON_CRON_BACKUP_DIR: join(dir, 'backups'),
    POKEMON_CRON_INSTANCE_ID: 'cli-test',
    LOG_LEVEL: 'silent',
  };
});

describe('cron-runner audit', () => {
  it('lists the deploy and every CLI action as cli:<os user>, newest first, filtered and paged', async () => {
    expect((await cli(env, 'pause', 'rotate-backups', '--note', 'disk swap')).code).toBe(0);
    expect((await cli(env, 'schedule', 'rotate-backups', '30 1 * * *')).code).toBe(0);
    expect((await cli(env, 'resume', 'rotate-backups')).code).toBe(0);
    expect((await cli(env, 'schedule', 'rotate-backups', '--clear')).code).toBe(0);
    const backfill = await cli(
      env,
      'backfill',
      'rotate-backups',
      '--from',
      '2026-01-01T00:00:00Z',
      '--to',
      '2026-01-02T12:00:00Z',
    );
    expect(backfill.code, backfill.stderr).toBe(0);
    expect((await cli(env, 'run', 'rotate-backups')).code).toBe(0);

    const all = await cli(env, 'audit', '--json', '--limit', '100');
    expect(all.code, all.stderr).toBe(0);
    const { entries } = JSON.parse(all.stdout) as { entries: Entry[]; nextCursor?: string };
    const deploys = entries.filter((entry) => entry.actor === 'deploy');
    expect(deploys.map((entry) => entry.action)).toEqual(Array(8).fill('job.created'));
    const mine = entries.filter((entry) => entry.actor !== 'deploy').reverse();
    expect(mine.map((entry) => [entry.actor, entry.action, entry.job])).toEqual([
      [me, 'job.paused', 'rotate-backups'],
      [me, 'job.schedule-overridden', 'rotate-backups'],
      [me, 'job.resumed', 'rotate-backups'],
      [me, 'job.schedule-cleared', 'rotate-backups'],
      [me, 'job.backfilled', 'rotate-backups'],
      [me, 'job.triggered', 'rotate-backups'],
    ]);
    expect(mine[0]).toMatchObject({
      note: 'disk swap',
      before: { paused: false },
      after: { paused: true, pauseNote: 'disk swap' },
      instanceId: 'cli-test',
    });
    expect(mine[4]?.after).toEqual({ from: '2026-01-01T00:00:00.000Z', to: '2026-01-02T12:00:00.000Z', slots: 2 });

    const table = await cli(env, 'audit', '--job', 'rotate-backups', '--limit', '2');
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain('job.triggered');
    expect(table.stdout).toContain('job.backfilled');
    expect(table.stdout).not.toContain('job.schedule-cleared');
    const cursor = /older entries: --cursor (\S+)/.exec(table.stdout)?.[1];
    expect(cursor).toBeDefined();
    const next = await cli(env, 'audit', '--job', 'rotate-backups', '--limit', '2', '--cursor', cursor!);
    expect(next.stdout).toContain('scheduleOverride: 30 1 * * * → -');
    expect(next.stdout).toContain('paused: true → false');

    const paused = JSON.parse((await cli(env, 'audit', '--json', '--action', 'job.paused')).stdout) as {
      entries: Entry[];
    };
    expect(paused.entries.map((entry) => entry.note)).toEqual(['disk swap']);
    const future = JSON.parse((await cli(env, 'audit', '--json', '--since', '2999-01-01')).stdout) as {
      entries: Entry[];
    };
    expect(future.entries).toEqual([]);
  });

  it.each([
    [['--action', 'job.exploded'], /--action: expected one of job\.created, .*got "job\.exploded"/],
    [['--cursor', 'bogus'], /--cursor: not an audit log cursor, got "bogus"/],
    [['--since', '2026-01-03', '--until', '2026-01-01'], /--since .* is after --until/],
    [['--limit', '0'], /--limit/],
  ])('rejects %j with exit 2 naming the flag', async (flags, message) => {
    const { code, stderr } = await cli(env, 'audit', ...flags);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});
