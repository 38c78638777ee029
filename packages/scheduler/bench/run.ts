/**
 * `pnpm bench` for @pokemon/scheduler. Each implementation runs in its own child process,
 * one after the other, on this machine, in this run; figures are printed with their ratio to
 * the floor they are compared with.
 *
 * - Lateness of firing (ms after the slot) for a job every second over BENCH_SECONDS (30):
 *   this scheduler vs a bare setTimeout chain aimed at the same slots (the floor), croner,
 *   node-cron. BENCH_ROUNDS (3) rounds, the implementations taking turns within each, so a
 *   disturbance of the machine does not land on one of them only; percentiles are over all
 *   samples (the p99 of one 30 s round would be its single worst firing).
 * - 10,000 jobs with daily schedules (half UTC, half America/New_York): time to start(),
 *   resident memory added, CPU while idle for BENCH_IDLE_SECONDS (20) right after start and for
 *   the same again after that, vs node-cron and croner. These children run with V8's memory
 *   reducer off (`--no-memory-reducer`, all three alike): it shrinks the heap once, whenever V8
 *   sees the process idle (for an idle scheduler within ~10 s of start; for one that keeps
 *   allocating, later), so with it on the windows show when that happened, not what the
 *   library does while idle. BENCH_MEMORY_REDUCER=1 leaves it on.
 * - 365 simulated days of one daily job (bench/simulated-year.ts), plain Node and node:test.
 * - The schedule module's own parse + next rate (bench/schedule.ts), the stores (bench/store.ts) and
 *   `auditSlots` over a month of a per-minute job (bench/slot-audit.ts) and pg_cron's executions recorded in
 *   history vs a raw INSERT … SELECT (bench/pg-cron.ts) run after these when present.
 * - Cold import time and bundle size of a minimal use of `retry` beside croner's minimal use
 *   (bench/import-cost.ts; needs the package built).
 * - Start-to-finish overhead of an empty job per isolation mode: none, thread, process
 *   (bench/isolation.ts; needs the package built).
 * - The per-run cost of tracing with `openTelemetry()`: API alone, then the SDK with in-memory
 *   exporters, as ratios to no observer (bench/tracing.ts).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const here = import.meta.dirname;
const seconds = Number(process.env.BENCH_SECONDS ?? 30);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const idleSeconds = Number(process.env.BENCH_IDLE_SECONDS ?? 20);
const reducerFlags = process.env.BENCH_MEMORY_REDUCER === '1' ? [] : ['--no-memory-reducer'];
const only = process.env.BENCH_ONLY; // 'lateness' | 'simulated-year' | 'ten-thousand' | 'schedule' | 'store' | 'slot-audit' | 'pg-cron' | 'import-cost' | 'tracing' | 'isolation'

function child(script: string, args: string[], nodeArgs: string[] = []): string {
  return execFileSync(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(here, script), ...args], {
    encoding: 'utf8',
    cwd: path.join(here, '..'),
    maxBuffer: 64 * 2 ** 20,
  });
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

const fmt = (n: number, digits = 2): string => n.toFixed(digits);

function lateness(): void {
  console.log(
    `\n## Lateness of firing: one job every second, ${rounds} rounds of ${seconds} s (ms after the slot, ${rounds * seconds} samples each)`,
  );
  const impls = ['settimeout', 'scheduler', 'croner', 'node-cron'];
  const samples = new Map<string, number[]>(impls.map((impl) => [impl, []]));
  for (let round = 0; round < rounds; round++) {
    for (const impl of impls)
      samples.get(impl)?.push(...(JSON.parse(child('lateness.ts', [impl, String(seconds)])) as number[]));
  }
  const rows = impls.map((impl) => {
    const sorted = (samples.get(impl) ?? []).sort((a, b) => a - b);
    return { impl, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN };
  });
  const floor = rows[0]!;
  console.log('| implementation | p50 | p99 | max | p99 minus floor p99 |');
  console.log('|---|---|---|---|---|');
  for (const row of rows) {
    const name =
      row.impl === 'settimeout'
        ? 'bare setTimeout chain (floor)'
        : row.impl === 'scheduler'
          ? '@pokemon/scheduler'
          : row.impl;
    console.log(`| ${name} | ${fmt(row.p50)} | ${fmt(row.p99)} | ${fmt(row.max)} | ${fmt(row.p99 - floor.p99)} |`);
  }
}

function tenThousand(variant: string): void {
  console.log(
    `\n## 10,000 jobs (${variant === 'distinct' ? '`S M H * * *`, all distinct' : '`M H * * *`'}; half UTC, half America/New_York), idle ${idleSeconds} s${reducerFlags.length > 0 ? ' (V8 memory reducer off for all)' : ''}`,
  );
  const results: Record<
    string,
    { startMs: number; rssAddedMb: number; idleCpuPercent: number; steadyCpuPercent: number }
  > = {};
  for (const impl of ['node-cron', 'scheduler', 'croner']) {
    const out = child('ten-thousand.ts', [impl, String(idleSeconds), variant], ['--expose-gc', ...reducerFlags]);
    results[impl] = JSON.parse(out.trim().split('\n').at(-1)!);
  }
  const floor = results['node-cron']!;
  console.log(
    `| implementation | start | x node-cron | RSS added | x node-cron | idle CPU, first ${idleSeconds} s (% of a core) | idle CPU, next ${idleSeconds} s |`,
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const [impl, r] of Object.entries(results)) {
    const name = impl === 'scheduler' ? '@pokemon/scheduler' : impl;
    console.log(
      `| ${name} | ${fmt(r.startMs, 0)} ms | ${fmt(r.startMs / floor.startMs)} | ${fmt(r.rssAddedMb, 1)} MB | ${fmt(r.rssAddedMb / floor.rssAddedMb)} | ${fmt(r.idleCpuPercent, 3)} % | ${fmt(r.steadyCpuPercent, 3)} % |`,
    );
  }
}

function simulatedYear(): void {
  console.log('\n## 365 simulated days of one daily job (fake clock, memory store, built package)');
  const r = JSON.parse(child('simulated-year.ts', []).trim().split('\n').at(-1)!) as Record<string, number>;
  const s = (key: string): string => `${fmt((r[key] ?? Number.NaN) / 1000)} s`;
  const ratio = (now: string, before: string): string =>
    `${fmt((r[before] ?? Number.NaN) / (r[now] ?? Number.NaN), 0)}x`;
  console.log(
    '| run | now | before (polled every 30 s, 60 s wait cap; 30 days scaled) | speed-up | target | verdict |',
  );
  console.log('|---|---|---|---|---|---|');
  const verdict = (key: string, limitMs: number): string =>
    (r[key] ?? Number.POSITIVE_INFINITY) < limitMs ? 'met' : 'NOT met';
  console.log(
    `| plain Node | ${s('plain')} | ${s('plainBefore')} | ${ratio('plain', 'plainBefore')} | < 0.5 s | ${verdict('plain', 500)} |`,
  );
  console.log(
    `| node:test | ${s('nodeTest')} | ${s('nodeTestBefore')} | ${ratio('nodeTest', 'nodeTestBefore')} | < 1.5 s | ${verdict('nodeTest', 1500)} |`,
  );
}

if (!only || only === 'lateness') lateness();
if (!only || only === 'simulated-year') simulatedYear();
if (!only || only === 'ten-thousand') {
  tenThousand('daily');
  tenThousand('distinct');
}
for (const extra of ['schedule', 'store', 'slot-audit', 'pg-cron', 'import-cost', 'tracing', 'isolation']) {
  if (only && only !== extra) continue;
  const file = path.join(here, `${extra}.ts`);
  if (fs.existsSync(file)) {
    console.log(`\n## bench/${extra}.ts`);
    console.log(child(`${extra}.ts`, []));
  }
}
