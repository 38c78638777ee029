/**
 * `pnpm bench` for @pokemon/scheduler. Each implementation runs in its own child process,
 * one after the other, on this machine, in this run; figures are printed with their ratio to
 * the floor they are compared with.
 *
 * - Lateness of firing (ms after the slot) for a job every second over BENCH_SECONDS (30):
 *   this scheduler vs a bare setTimeout chain aimed at the same slots (the floor), croner, node-cron.
 * - 10,000 jobs with daily schedules (half UTC, half America/New_York): time to start(),
 *   resident memory added, CPU while idle for BENCH_IDLE_SECONDS (20) right after start and for
 *   the same again after that (the steady state), vs node-cron and croner.
 * - The schedule module's own parse + next rate (bench/schedule.ts) and the stores (bench/store.ts)
 *   run after these when present.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const here = import.meta.dirname;
const seconds = Number(process.env.BENCH_SECONDS ?? 30);
const idleSeconds = Number(process.env.BENCH_IDLE_SECONDS ?? 20);
const only = process.env.BENCH_ONLY; // 'lateness' | 'ten-thousand' | 'schedule' | 'store'

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
  console.log(`\n## Lateness of firing: one job every second for ${seconds} s (ms after the slot)`);
  const rows: { impl: string; p50: number; p99: number; max: number }[] = [];
  for (const impl of ['settimeout', 'scheduler', 'croner', 'node-cron']) {
    const samples = (JSON.parse(child('lateness.ts', [impl, String(seconds)])) as number[]).sort((a, b) => a - b);
    rows.push({ impl, p50: percentile(samples, 50), p99: percentile(samples, 99), max: samples.at(-1) ?? Number.NaN });
  }
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
    `\n## 10,000 jobs (${variant === 'distinct' ? '`S M H * * *`, all distinct' : '`M H * * *`'}; half UTC, half America/New_York), idle ${idleSeconds} s`,
  );
  const results: Record<
    string,
    { startMs: number; rssAddedMb: number; idleCpuPercent: number; steadyCpuPercent: number }
  > = {};
  for (const impl of ['node-cron', 'scheduler', 'croner']) {
    const out = child('ten-thousand.ts', [impl, String(idleSeconds), variant], ['--expose-gc']);
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

if (!only || only === 'lateness') lateness();
if (!only || only === 'ten-thousand') {
  tenThousand('daily');
  tenThousand('distinct');
}
for (const extra of ['schedule', 'store']) {
  if (only && only !== extra) continue;
  const file = path.join(here, `${extra}.ts`);
  if (fs.existsSync(file)) {
    console.log(`\n## bench/${extra}.ts`);
    console.log(child(`${extra}.ts`, []));
  }
}
