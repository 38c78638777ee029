/**
 * Child process of the 10,000-jobs benchmark: registers 10,000 daily jobs with one
 * implementation, then idles for two windows of BENCH_IDLE_SECONDS each, and prints JSON
 * figures: start time, resident memory added, and CPU used (all threads) in each window: the
 * first right after start(), the second the steady state. `bench/run.ts` starts it with V8's
 * memory reducer off (see there); with it on, a one-time heap shrink lands in one of the windows.
 * Usage: node --expose-gc --import tsx bench/ten-thousand.ts <scheduler|croner|node-cron> <idleSeconds> [distinct]
 */
import { Cron } from 'croner';
import nodeCron from 'node-cron';
import { createMemoryStore, createScheduler, defineJob } from '../src/index.js';

const [impl = 'scheduler', idleArg = '20', variant = 'daily'] = process.argv.slice(2);
const idleMs = Number(idleArg) * 1000;
const COUNT = 10_000;

/** Job i: `M H * * *` (or with distinct seconds `S M H * * *`), half UTC, half America/New_York. */
function schedules(): { expression: string; timezone: string }[] {
  return Array.from({ length: COUNT }, (_, i) => {
    const minute = i % 60;
    const hour = Math.floor(i / 60) % 24;
    const second = Math.floor(i / 1440) % 60;
    const expression = variant === 'distinct' ? `${second} ${minute} ${hour} * * *` : `${minute} ${hour} * * *`;
    return { expression, timezone: i % 2 === 0 ? 'UTC' : 'America/New_York' };
  });
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** CPU used by this process (all threads) while it waits `ms`, in % of one core. */
async function cpuPercentOver(ms: number): Promise<number> {
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const cpu = process.cpuUsage(cpu0);
  return ((cpu.user + cpu.system) / 1000 / (performance.now() - wall0)) * 100;
}

async function main(): Promise<void> {
  const list = schedules();
  const noop = (): void => {};
  gc();
  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  let stop: () => Promise<void> | void;
  if (impl === 'croner') {
    const jobs = list.map((s) => new Cron(s.expression, { timezone: s.timezone }, noop));
    stop = () => {
      for (const job of jobs) job.stop();
    };
  } else if (impl === 'node-cron') {
    const tasks = list.map((s) => nodeCron.schedule(s.expression, noop, { timezone: s.timezone }));
    stop = async () => {
      for (const task of tasks) await task.stop();
    };
  } else {
    const scheduler = createScheduler({
      store: createMemoryStore(),
      maxConcurrency: 3,
      jobs: list.map((s, i) =>
        defineJob({ name: `job-${i}`, schedule: s.expression, timezone: s.timezone, run: noop }),
      ),
    });
    await scheduler.start();
    stop = () => scheduler.stop();
  }
  const startMs = performance.now() - t0;
  gc();
  const rssAdded = process.memoryUsage().rss - rssBefore;
  const idleCpuPercent = await cpuPercentOver(idleMs);
  const steadyCpuPercent = await cpuPercentOver(idleMs);
  const figures = { impl, startMs, rssAddedMb: rssAdded / 2 ** 20, idleCpuPercent, steadyCpuPercent };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
  await stop();
  process.exit(0);
}

await main();
