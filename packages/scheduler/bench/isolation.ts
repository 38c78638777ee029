/**
 * Start-to-finish cost of an empty job per isolation mode: `trigger()` called → final record
 * returned, on the system clock and a memory store, for a job run in the scheduler's thread
 * (`none`, the floor), in a worker thread and in a child process. BENCH_ISOLATION_RUNS (30)
 * runs of each, the modes taking turns; median and p95 in ms, and the overhead over `none`.
 * Runs against the BUILT package (`pnpm build` first), in a plain `node` as the runner runs:
 * workers start with their parent's Node options, so under tsx each would load tsx too.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const runs = Number(process.env.BENCH_ISOLATION_RUNS ?? 30);
const driver = path.join(import.meta.dirname, 'fixtures/isolation-driver.mjs');
const samples = JSON.parse(execFileSync(process.execPath, [driver, String(runs)], { encoding: 'utf8' })) as Record<
  string,
  number[]
>;

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
const stats = Object.entries(samples).map(([mode, ms]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return { mode, p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
});
const floor = stats.find((s) => s.mode === 'none')?.p50 ?? Number.NaN;
console.log(`Empty job, trigger() to final record, ${runs} runs per mode (ms)`);
console.log('| isolation | p50 | p95 | overhead over none (p50) | ratio to none (p50) |');
console.log('|---|---|---|---|---|');
for (const s of stats) {
  const overhead = (s.p50 - floor).toFixed(2);
  console.log(
    `| ${s.mode} | ${s.p50.toFixed(2)} | ${s.p95.toFixed(2)} | ${overhead} | ${(s.p50 / floor).toFixed(0)}x |`,
  );
}
