import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tools/test-postgres/database.js';
import { runCliProcess, spawnCli, tempRunnerEnv } from './cli-process.js';

let db: TestDatabase | undefined;

beforeAll(async () => {
  // The machine's server when TEST_DATABASE_URL is set, else a throwaway one.
  db = await createTestDatabase('runner_e2e_tz');
}, 120_000);

afterAll(async () => {
  await db?.drop();
});

/** Two daemons on one store with different POKEMON_CRON_TZ: the second is refused while the first runs. */
async function checkTimezoneAgreement(store: string | undefined): Promise<void> {
  const { env } = await tempRunnerEnv(store === undefined ? {} : { POKEMON_CRON_STORE: store });
  const first = spawnCli(['start'], { ...env, POKEMON_CRON_TZ: 'UTC', POKEMON_CRON_INSTANCE_ID: 'first' });
  await first.waitForStderr(/"scheduler started"/);

  const refused = await runCliProcess(['start'], {
    ...env,
    POKEMON_CRON_TZ: 'Europe/Paris',
    POKEMON_CRON_INSTANCE_ID: 'second',
  });
  expect(refused.code, refused.stderr).toBe(2);
  expect(refused.stderr.trim().split('\n')).toEqual([
    'POKEMON_CRON_TZ: this instance uses "Europe/Paris" but instance first, running on the same store, uses "UTC"; give every instance the same timezone, or stop the others before changing it',
  ]);

  first.child.kill('SIGTERM');
  expect((await first.exited).code).toBe(0);
  // Every instance stopped: a deliberate change is taken over, and said.
  const changed = spawnCli(['start'], { ...env, POKEMON_CRON_TZ: 'Europe/Paris', POKEMON_CRON_INSTANCE_ID: 'second' });
  const line = JSON.parse(await changed.waitForStderr(/"timezone changed/)) as { from: string; to: string };
  expect(line).toMatchObject({ from: 'UTC', to: 'Europe/Paris' });
  await changed.waitForStderr(/"scheduler started"/);
  changed.child.kill('SIGTERM');
  expect((await changed.exited).code).toBe(0);
}

describe('instances sharing a store agree on the timezone (built CLI)', () => {
  it('SQLite store', async () => {
    await checkTimezoneAgreement(undefined);
  });

  it('PostgreSQL store', async () => {
    await checkTimezoneAgreement(db!.url);
  });
});
