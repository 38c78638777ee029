// `cron-runner slots`: a history made by a scheduler on a fake clock (six hours with an outage), read back by the CLI.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScheduler, defineJob } from '@pokemon/scheduler';
import { createSqliteStore } from '@pokemon/scheduler/sqlite';
import { createFakeClock, HOUR, MINUTE, SECOND } from '@pokemon/scheduler/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli as runCliWith } from './cli-harness.js';

/** The CLI with a wide terminal, so tables are not cut. */
const cli = (env: Record<string, string>, ...argv: string[]) => runCliWith({ ...env, COLUMNS: '200' }, ...argv);

const T0 = Date.parse('2026-01-01T00:00:00Z');
let env: Record<string, string>;

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cron-runner-slots-'));
  env = {
    POKEMON_CRON_DB: join(dir, 'pokemon.sqlite3'),
    POKEMON_CRON_STORE: join(dir, 'scheduler.sqlite3'),
    POKEMON_CRON_BACKUP_DIR: join(dir, 'backups'),
    LOG_LEVEL: 'silent',
  };
  // The runner's health check, every 15 minutes: up until 03:05, down until 04:05:30, then up again.
  const clock = createFakeClock(T0 - MINUTE);
  await using store = createSqliteStore({ filename: env.POKEMON_CRON_STORE! }, { clock });
  const job = defineJob({ name: 'database-health-check', schedule: '*/15 * * * *', run: () => 'ok' });
  const first = createScheduler({ jobs: [job], store, clock, instanceId: 'first' });
  await first.start();
  await clock.advanceTo(T0 + 3 * HOUR + 5 * MINUTE);
  await first.stop();
  await clock.advanceTo(T0 + 4 * HOUR + 5 * MINUTE + 30 * SECOND);
  await using second = createScheduler({ jobs: [job], store, clock, instanceId: 'second' });
  await second.start();
  await clock.advanceTo(T0 + 6 * HOUR);
});

describe('cron-runner slots', () => {
  const range = ['--from', '2026-01-01T00:00:00Z', '--to', '2026-01-01T06:00:00Z', '--job', 'database-health-check'];

  it('--json: every slot of the range classified, with counts', async () => {
    const { code, stdout, stderr } = await cli(env, 'slots', ...range, '--json');
    expect(code, stderr).toBe(0);
    const audit = JSON.parse(stdout) as {
      jobs: {
        job: string;
        counts: Record<string, number>;
        slots: { slot: string; class: string; reason?: string }[];
      }[];
    };
    expect(audit.jobs.map((job) => job.job)).toEqual(['database-health-check']);
    const [health] = audit.jobs;
    expect(health?.counts).toEqual({
      'on-time': 20,
      late: 0,
      'caught-up': 0,
      backfilled: 0,
      skipped: 0,
      missed: 4,
      unknown: 0,
    });
    expect(health?.slots.filter((slot) => slot.class === 'missed').map((slot) => [slot.slot, slot.reason])).toEqual([
      ['2026-01-01T03:15:00.000Z', 'catch-up-policy'],
      ['2026-01-01T03:30:00.000Z', 'catch-up-policy'],
      ['2026-01-01T03:45:00.000Z', 'catch-up-policy'],
      ['2026-01-01T04:00:00.000Z', 'catch-up-policy'],
    ]);
  });

  it('--csv: one line per slot under a header; the table counts and lists what was not on time', async () => {
    const csv = await cli(env, 'slots', ...range, '--csv');
    expect(csv.code, csv.stderr).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('job,slot,class,reason,latenessMs,status,runId,detail');
    expect(lines).toHaveLength(25);
    expect(lines[14]).toMatch(
      /^database-health-check,2026-01-01T03:15:00.000Z,missed,catch-up-policy,,missed,[0-9a-f-]{36},catch-up-skip$/,
    );
    const table = await cli(env, 'slots', ...range);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(
      /database-health-check\s+│\s+24\s+│\s+20\s+│\s+0\s+│\s+0\s+│\s+0\s+│\s+0\s+│\s+4\s+│\s+0/,
    );
    expect(table.stdout).toContain('catch-up-policy: catch-up-skip');
  });

  it('refuses --json with --csv, an inverted range and an unknown job with exit 2', async () => {
    expect((await cli(env, 'slots', ...range, '--json', '--csv')).code).toBe(2);
    const inverted = await cli(env, 'slots', '--from', '2026-01-02', '--to', '2026-01-01');
    expect(inverted.code).toBe(2);
    expect(inverted.stderr).toMatch(/--from .* is after --to/);
    const unknown = await cli(env, 'slots', '--from', '2026-01-01', '--to', '2026-01-02', '--job', 'health-check');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown job "health-check"/);
  });
});
