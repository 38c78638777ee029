import { createMemoryStore, defineJob } from '@pokemon/scheduler';
import { createFakeClock, SECOND } from '@pokemon/scheduler/testing';
import { describe, expect, it } from 'vitest';
import { jobStatuses, renderStatus } from '../src/commands/status.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logging.js';
import { createRunner } from '../src/runner.js';

const START = new Date('2026-03-02T10:00:00Z');

describe('status', () => {
  it('shows the last success, the 7-day success rate, progress, and a run whose owner died', async () => {
    const clock = createFakeClock(START);
    const store = createMemoryStore({ clock });
    const config = loadConfig({ LOG_LEVEL: 'silent' });
    const jobs = [
      defineJob({ name: 'sync-sets', schedule: '0 2 * * *', run: () => ({ inserted: 1 }) }),
      defineJob({ name: 'sync-cards', schedule: '0 3 * * *', run: () => ({ inserted: 2 }) }),
    ];
    await using runner = await createRunner(config, { logger: createLogger(config, { isTTY: false }), jobs, store });
    const succeeded = await runner.scheduler.trigger('sync-cards');
    expect(succeeded.status).toBe('succeeded');
    const claim = { scheduledFor: START, trigger: 'schedule' as const, leaseMs: 30 * SECOND };
    await store.claimRun({ ...claim, id: 'dead-run', job: 'sync-sets', claimKey: 'a', instanceId: 'host-a' });
    await store.claimRun({ ...claim, id: 'live-run', job: 'sync-cards', claimKey: 'b', instanceId: 'host-b' });
    await clock.advance(20 * SECOND);
    await store.heartbeat('live-run', 'host-b', 30 * SECOND, { setsDone: 3, setsTotal: 4 });
    await clock.advance(20 * SECOND);

    const reports = await jobStatuses(runner);
    const sets = reports.find((job) => job.name === 'sync-sets')!;
    const cards = reports.find((job) => job.name === 'sync-cards')!;
    expect(sets.running).toMatchObject([{ id: 'dead-run', instanceId: 'host-a', ownerDead: true }]);
    expect(cards.running).toMatchObject([{ id: 'live-run', ownerDead: false, progress: { setsDone: 3 } }]);
    expect(cards.successRate7d).toBe(1);
    expect(cards.lastSuccessAt).toBe(succeeded.finishedAt!.toISOString());

    const table = renderStatus(reports, undefined);
    expect(table).toMatch(/│ last success +│ 7-day ok +│/);
    expect(table).toContain('host-a: owner dead (lease expired 2026-03-02 10:00:30Z)');
    expect(table).toContain('host-b 75%');
    expect(table).toMatch(/│ sync-cards .*│ 100% +│/);
    expect(table).toMatch(/│ sync-sets .*│ never +│ - +│/);
    const narrow = renderStatus(reports, 120).split('\n');
    expect(Math.max(...narrow.map((line) => [...line].length))).toBeLessThanOrEqual(120);
    expect(narrow.filter((line) => /│ sync-(sets|cards) /.test(line))).toHaveLength(2);
  });
});
