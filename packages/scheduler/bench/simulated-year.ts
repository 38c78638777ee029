/**
 * 365 simulated days of one daily job on a fake clock and the memory store, timed in plain
 * Node and under `node --test` (a generated test file importing the built package from
 * dist/, as a consumer's would). `polling` hides the memory store's change reports, so the
 * scheduler polls it every 30 s of simulated time as it did before stores reported changes.
 * `uncapped` lifts the 60 s cap on each timer wait (`maxTimerDelayMs`), the other cost left.
 * Prints one JSON line: `{ plain, plainUncapped, plainPolling, nodeTest, nodeTestUncapped }` in ms.
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
  if (process.env.YEAR_MODE === 'polling') store.watch = undefined;
  let runs = 0;
  const job = defineJob({ name: 'daily', schedule: '0 3 * * *', run: () => { runs++; } });
  const uncapped = process.env.YEAR_MODE === 'uncapped' ? { maxTimerDelayMs: 2 ** 31 - 1 } : {};
  const scheduler = createScheduler({ jobs: [job], store, clock, ...uncapped });
  await scheduler.start();
  const started = performance.now();
  await clock.advance(365 * DAY);
  const ms = performance.now() - started;
  await scheduler.stop();
  if (runs !== 365) throw new Error('expected 365 runs, got ' + runs);
  return ms;
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
  const plainUncapped = run([file], { YEAR_MODE: 'uncapped' });
  const plainPolling = run([file], { YEAR_MODE: 'polling' });
  const nodeTest = run(['--test', '--test-reporter=tap', file], { YEAR_TEST: '1' });
  const nodeTestUncapped = run(['--test', '--test-reporter=tap', file], { YEAR_TEST: '1', YEAR_MODE: 'uncapped' });
  console.log(JSON.stringify({ plain, plainUncapped, plainPolling, nodeTest, nodeTestUncapped }));
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
