import type { Alert } from '../../src/index.js';
import type { FakeClock } from '../../src/testing.js';

/** A failure alert as the monitor would build it. */
export function sampleAlert(overrides: Partial<Alert> = {}): Alert {
  return {
    key: 'sync-cards:failing',
    kind: 'failure',
    severity: 'warning',
    title: 'sync-cards failed after 3 attempts',
    job: 'sync-cards',
    runId: '0b7e6d3c-0000-4000-8000-000000000001',
    status: 'failed',
    attempts: 3,
    durationMs: 65_000,
    error: 'Error: upstream <api> answered 503',
    createdAtMs: Date.parse('2026-03-01T03:01:05Z'),
    ...overrides,
  };
}

/**
 * Lets real I/O progress (without moving fake time) until the fake clock's
 * next timer is due at `atMs`: the code under test has armed the wait the
 * test is about to skip.
 */
export function untilTimerAt(clock: FakeClock, atMs: number): Promise<void> {
  return until(
    () => clock.nextTimerAt() === atMs,
    () => `a timer armed for ${new Date(atMs).toISOString()} (next: ${clock.nextTimerAt()})`,
  );
}

/**
 * Lets real I/O progress (local HTTP) until `condition()` holds. Bounded by
 * real time only as a safety net for a broken test: a loaded machine needs
 * more event-loop turns for the same round trip, so turns are not counted.
 */
export async function until(condition: () => boolean, what: () => string, safetyMs = 10_000): Promise<void> {
  const giveUpAt = Date.now() + safetyMs;
  while (!condition()) {
    if (Date.now() > giveUpAt) throw new Error(`Gave up waiting for ${what()}`);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
