import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { createSqliteStore } from '../../src/sqlite.js';
import { everySlotOnce, killedMidRun, skewedClock } from './scenarios.js';

const dir = mkdtempSync(join(tmpdir(), 'scheduler-multiprocess-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const store = (name: string) => ({ kind: 'sqlite' as const, filename: join(dir, `${name}.sqlite`) });
const open = (name: string) => async () => {
  const reader = createSqliteStore({ filename: join(dir, `${name}.sqlite`) });
  await reader.init();
  return reader;
};

describe('two scheduler processes sharing one SQLite file', () => {
  it('run a job every second: every slot exactly once, none lost', async () => {
    await everySlotOnce(store('every-slot'), open('every-slot'), 2);
  }, 120_000);

  it('one SIGKILLed mid-run: its run is abandoned and the other completes the slot within the lease', async () => {
    await killedMidRun(store('killed'), open('killed'), 2);
  }, 120_000);

  it('one with its clock 30 s ahead: no slot twice, none lost, none early', async () => {
    await skewedClock(store('skewed'), open('skewed'), 2);
  }, 120_000);
});
