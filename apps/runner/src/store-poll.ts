/**
 * How soon running daemons see an operator's change made through the store
 * (pause, resume, schedule override): they re-read job state on a poll.
 */

/** A daemon's store poll, ms: the scheduler re-reads job state every `leaseMs`, which the runner sets to this. */
export const STORE_POLL_MS = 30_000;

/** "running daemons pick it up within 30 s (their store poll)". */
export function takesEffectNote(): string {
  return `running daemons pick it up within ${STORE_POLL_MS / 1000} s (their store poll)`;
}
