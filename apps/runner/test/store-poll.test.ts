import { describe, expect, it } from 'vitest';
import { STORE_POLL_MS, takesEffectNote, takesEffectWithinMs } from '../src/store-poll.js';

describe('how soon running daemons see an operator change', () => {
  it('PostgreSQL notifies them: about a second, the poll as the bound', () => {
    const store = { kind: 'postgres', url: 'postgres://localhost/cron' } as const;
    expect(takesEffectWithinMs(store)).toBe(1_000);
    expect(takesEffectNote(store)).toBe(
      'running daemons pick it up within about a second (PostgreSQL notifies them; at most 30 s through their store poll)',
    );
  });

  it('SQLite is polled', () => {
    const store = { kind: 'sqlite', path: 'data/scheduler.sqlite3' } as const;
    expect(takesEffectWithinMs(store)).toBe(STORE_POLL_MS);
    expect(takesEffectNote(store)).toBe('running daemons pick it up within 30 s (their store poll)');
  });
});
