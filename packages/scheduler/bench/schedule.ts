/**
 * Benchmark: parse + first next() for 10,000 daily schedules (`M H * * *`,
 * half UTC, half America/New_York), cold caches, next to cron-parser's own
 * parse + next() on the same inputs measured in the same run.
 *
 * Run: pnpm exec tsx bench/schedule.ts
 */
import { CronExpressionParser } from 'cron-parser';
import { clearParseCaches } from '../src/schedule/parse.js';
import { clearScheduleCache, parseSchedule } from '../src/schedule/schedule.js';
import { clearZoneCache } from '../src/schedule/zones.js';

const JOBS = 10_000;
const ROUNDS = 5;
const BUDGET_MS = 600;
const ZONES = ['UTC', 'America/New_York'] as const;
const reference = Date.now();

interface Input {
  readonly expression: string;
  readonly timezone: string;
}

/** Job i: a daily schedule; with `seconds`, a 6-field one so all 10,000 expressions are distinct. */
function inputs(seconds: boolean): Input[] {
  return Array.from({ length: JOBS }, (_, i) => {
    const minute = i % 60;
    const hour = Math.floor(i / 60) % 24;
    const second = Math.floor(i / 1440) % 60;
    return {
      expression: seconds ? `${second} ${minute} ${hour} * * *` : `${minute} ${hour} * * *`,
      timezone: ZONES[i % 2]!,
    };
  });
}

function clearCaches(): void {
  clearScheduleCache();
  clearParseCaches();
  clearZoneCache();
}

function timeOurs(list: readonly Input[]): number {
  clearCaches();
  const started = performance.now();
  let check = 0;
  for (const { expression, timezone } of list)
    check += parseSchedule(expression, { timezone }).next(reference)!.getTime();
  const elapsed = performance.now() - started;
  if (check === 0) throw new Error('unreachable');
  return elapsed;
}

function timeCronParser(list: readonly Input[]): number {
  const started = performance.now();
  for (const { expression, timezone } of list) {
    CronExpressionParser.parse(expression, { tz: timezone, currentDate: reference }).next();
  }
  return performance.now() - started;
}

function rate(ms: number): string {
  return `${Math.round((JOBS / ms) * 1000).toLocaleString('en-US')}/s`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timeMemoised(list: readonly Input[]): number {
  const started = performance.now();
  for (const { expression, timezone } of list) parseSchedule(expression, { timezone });
  return performance.now() - started;
}

function report(label: string, list: readonly Input[]): void {
  const distinct = new Set(list.map((input) => `${input.expression}|${input.timezone}`)).size;
  timeOurs(list); // JIT warm-up only: every timed round clears the caches first
  const ours = median(Array.from({ length: ROUNDS }, () => timeOurs(list)));
  const memoised = timeMemoised(list);
  const theirs = timeCronParser(list);
  console.log(`${label} (${distinct.toLocaleString('en-US')} distinct expression+zone pairs)`);
  console.log(`  parseSchedule + next(), cold caches: ${ours.toFixed(1)} ms (${rate(ours)}; median of ${ROUNDS})`);
  console.log(`  parseSchedule again (memoised):      ${memoised.toFixed(1)} ms (${rate(memoised)})`);
  console.log(`  cron-parser parse + next():          ${theirs.toFixed(1)} ms (${rate(theirs)})`);
  console.log(
    `  ratio: ${(theirs / ours).toFixed(1)}x cron-parser's rate; ${((ours / BUDGET_MS) * 100).toFixed(1)} % of the ${BUDGET_MS} ms budget`,
  );
}

report('10,000 daily schedules "M H * * *", half UTC, half America/New_York', inputs(false));
report('10,000 distinct 6-field daily schedules "S M H * * *", half UTC, half America/New_York', inputs(true));
