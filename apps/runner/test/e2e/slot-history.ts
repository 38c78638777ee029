/**
 * A known month of `backup-database` history (daily at 00:00 UTC), made by schedulers on the fake
 * clock in the store the runner will use, for the console's Slots page: on time, paused on days
 * 11-13, every instance stopped from day 20 00:30 to day 23 12:00 (days 21-23 missed), on time again
 * to the end of the month. Returns the counts the page must show.
 */
import { createScheduler, defineJob, type Store } from '@pokemon/scheduler';
import { createFakeClock, DAY, type FakeClock, HOUR, MINUTE } from '@pokemon/scheduler/testing';

/** The month before the one of `now`, as `YYYY-MM`, its first instant and its length in days. */
export function previousMonth(now = new Date()): { month: string; fromMs: number; days: number } {
  const fromMs = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1);
  const days = Math.round((Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1) - fromMs) / DAY);
  return { month: new Date(fromMs).toISOString().slice(0, 7), fromMs, days };
}

/** Writes the history into the store `open(clock)` returns; the counts per class it leaves. */
export async function makeBackupHistory(open: (clock: FakeClock) => Store, month = previousMonth()) {
  const day = (n: number, ms = 0) => month.fromMs + (n - 1) * DAY + ms;
  const clock = createFakeClock(day(1) - MINUTE);
  await using store = open(clock);
  const job = () => defineJob({ name: 'backup-database', schedule: '0 0 * * *', run: () => 'ok' });
  // Polls every 6 hours: a month passes in a few thousand wakes.
  const options = { jobs: [job()], store, clock, pollIntervalMs: 6 * HOUR };
  const first = createScheduler({ ...options, instanceId: 'history-1' });
  await first.start();
  await clock.advanceTo(day(10, 30 * MINUTE));
  await first.pause('backup-database', { note: 'disk swap' });
  await clock.advanceTo(day(13, 30 * MINUTE));
  await first.resume('backup-database');
  await clock.advanceTo(day(20, 30 * MINUTE));
  await first.stop();
  await clock.advanceTo(day(23, 12 * HOUR));
  const second = createScheduler({ ...options, jobs: [job()], instanceId: 'history-2' });
  await second.start();
  await clock.advanceTo(day(month.days, 12 * HOUR));
  await second.stop();
  return {
    month: month.month,
    counts: { 'on-time': month.days - 6, late: 0, 'caught-up': 0, backfilled: 0, skipped: 3, missed: 3, unknown: 0 },
  };
}
