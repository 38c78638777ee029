/**
 * A five-second tour of @pokemon/scheduler on the real clock with the in-memory store:
 * a job every second, a flaky job that fails and is retried, and a job that depends on it.
 *
 *   pnpm --filter @pokemon/scheduler demo
 */
import { createMemoryStore, createScheduler, defineJob } from '../src/index.js';

const t0 = Date.now();
const elapsed = () => `+${((Date.now() - t0) / 1000).toFixed(1)}s`.padStart(6);
const log = (line: string) => console.log(`${elapsed()}  ${line}`);

let calls = 0;
const jobs = [
  defineJob({
    name: 'heartbeat',
    description: 'Says hello every second',
    schedule: '* * * * * *',
    run: () => 'ok',
  }),
  defineJob({
    name: 'fetch-sets',
    description: 'Fails on its first attempt of every run, succeeds on the retry',
    schedule: '*/2 * * * * *',
    retry: { attempts: 3, initialDelayMs: 300, jitter: false },
    run: (ctx) => {
      calls++;
      if (ctx.attempt === 1) throw new Error(`card API busy (call ${calls})`);
      return { sets: 172 };
    },
  }),
  defineJob({
    name: 'build-report',
    description: 'Needs a fresh fetch-sets success',
    schedule: '1/2 * * * * *',
    dependsOn: ['fetch-sets'],
    dependencies: { withinMs: 3_000 },
    run: (ctx) => ({ basedOn: ctx.dependencies.get('fetch-sets')?.result }),
  }),
];

const scheduler = createScheduler({ jobs, store: createMemoryStore() });
scheduler.on('run:started', (e) => log(`${e.job} started (attempt ${e.attempt}, ${e.latenessMs} ms late)`));
scheduler.on('run:retry-scheduled', (e) => log(`${e.job} failed: ${e.error.message}; retry in ${e.delayMs} ms`));
scheduler.on('run:succeeded', (e) =>
  log(`${e.job} succeeded in ${e.durationMs} ms -> ${JSON.stringify(e.run.result)}`),
);
scheduler.on('run:failed', (e) => log(`${e.job} ${e.run.status}: ${e.error.message}`));
scheduler.on('run:skipped', (e) => log(`${e.job} skipped: ${e.reason}`));

await scheduler.start();
log('scheduler started; running for 5 seconds');
await new Promise((resolve) => setTimeout(resolve, 5_000));
await scheduler.stop();
log('stopped gracefully. Status:');
for (const job of await scheduler.status()) {
  const next = job.nextRuns[0]?.toISOString() ?? '-';
  console.log(`        ${job.name.padEnd(13)} last: ${job.lastRun?.status ?? '-'}  next: ${next}`);
}
