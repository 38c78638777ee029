/**
 * 365 simulated days of one daily job on a fake clock and the memory store, timed in plain
 * Node and under `node --test` (a generated test file importing the built package from
 * dist/, as a consumer's would). `before` reproduces the scheduler as it was: the memory
 * store's change reports hidden (so it is polled every 30 s of simulated time) and each timer
 * wait capped at 60 s (`maxTimerDelayMs`, now lifted for a clock that reports its jumps); it is
 * measured over 30 days and scaled to a year, as a full year takes minutes under node:test.
 * Prints one JSON line: `{ plain, nodeTest, plainBefore, nodeTestBefore }` in ms (per year).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = path.join(import.meta.dirname, '..', 'dist');
const url = (file: string): string => pathToFileURL(path.join(dist, file)).href;

const source = `
import { test } from 'node:test';
import { createMemoryStore, createScheduler, defineJob } from '${url('index.js')}';
import { createFakeClock, DAY } from '${url('testing.js')}';

async function year() {
  const clock = createFakeClock(Date.parse('2026-01-01T00:00:00Z'));
  const store = createMemoryStore();
  const before = process.env.YEAR_MODE === 'before';
  if (before) store.watch = undefined;
  const days = before ? 30 : 365;
  let runs = 0;
  const job = defineJob({ name: 'daily', schedule: '0 3 * * *', run: () => { runs++; } });
  const scheduler = createScheduler({ jobs: [job], store, clock, ...(before ? { maxTimerDelayMs: 60_000 } : {}) });
  await scheduler.start();
  const started = performance.now();
  await clock.advance(days * DAY);
  const ms = performance.now() - started;
  await scheduler.stop();
  if (runs !== days) throw new Error('expected ' + days + ' runs, got ' + runs);
  return (ms * 365) / days;
}

if (process.env.YEAR_TEST) test('a simulated year', async () => console.log('RESULT ' + (await year())));
else console.log('RESULT ' + (await year()));
`;

function run(args: string[], env: Record<string, string>): number {
  const out = execFileSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, ...env } });
  const line = out.split('\n').find((l) => l.includes('RESULT '));
  if (!line) throw new Error(`no result in:\n${out}`);
  return Number(line.slice(line.indexOf('RESULT ') + 7));
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'simulated-year-'));
const file = path.join(dir, 'year.test.mjs');
fs.writeFileSync(file, source);
try {
  const plain = run([file], {});
  const nodeTest = run(['--test', '--test-reporter=tap', file], { YEAR_TEST: '1' });
  const plainBefore = run([file], { YEAR_MODE: 'before' });
  const nodeTestBefore = run(['--test', '--test-reporter=tap', file], { YEAR_TEST: '1', YEAR_MODE: 'before' });
  console.log(JSON.stringify({ plain, nodeTest, plainBefore, nodeTestBefore }));
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
