/** The primary's maintenance as a pg_cron job, against a real pg_cron primary. */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type PgCronCluster,
  pgCronUnavailable,
  startPgCronCluster,
} from '../../../tools/test-postgres/pg-cron-cluster.js';
import { ANALYZE_PRIMARY_JOB, migratePrimary, primaryMaintenanceJobs, primaryPgCron } from '../src/index.js';

describe('primaryMaintenanceJobs', () => {
  it('ANALYZEs the replicated tables of the configured schema at 04:30, after replication', () => {
    const [job] = primaryMaintenanceJobs({ primarySchema: 'cards_v2' });
    expect(job).toMatchObject({
      name: ANALYZE_PRIMARY_JOB,
      schedule: '30 4 * * *',
      sql: 'ANALYZE "cards_v2".sets, "cards_v2".cards',
    });
    expect(() => primaryMaintenanceJobs({ primarySchema: 'Bad-Schema' })).toThrow(/primarySchema/);
  });

  it('an unreachable primary is reported, not thrown', async () => {
    const answer = await primaryPgCron('postgres://nobody:secret-pw@127.0.0.1:1/none', 1_000);
    expect(answer.available).toBe(false);
    expect(answer.available === false && answer.reason).toMatch(/^the primary database is unreachable/);
    expect(JSON.stringify(answer)).not.toContain('secret-pw');
  });
});

const skip = pgCronUnavailable();
if (skip && process.env.CI) throw new Error(`${skip}; CI must run the pg_cron suite (.ci/run installs it).`);
if (skip) console.log(skip);

describe.skipIf(skip)('on a pg_cron primary (real pg_cron)', () => {
  let cluster: PgCronCluster;
  beforeAll(async () => {
    cluster = await startPgCronCluster();
  }, 60_000);
  afterAll(() => cluster?.stop());

  it('finds pg_cron where it is installed, and says where it is not', async () => {
    expect(await primaryPgCron(cluster.url)).toEqual({ available: true, version: '1.4-1' });
    const plain = await cluster.databaseUrl('no_cron');
    expect(await primaryPgCron(plain)).toEqual({
      available: false,
      reason: 'pg_cron is not installed in the primary database "no_cron"',
    });
  });

  it("the job's SQL runs on the migrated primary", async () => {
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    try {
      await migratePrimary(client, 'pokemon');
      const [job] = primaryMaintenanceJobs();
      await client.query(job!.sql);
      const { rows } = await client.query(
        `SELECT relname FROM pg_stat_user_tables WHERE schemaname = 'pokemon' AND last_analyze IS NOT NULL ORDER BY relname`,
      );
      expect(rows.map((row: { relname: string }) => row.relname)).toEqual(['cards', 'sets']);
    } finally {
      await client.end();
    }
  });
});
