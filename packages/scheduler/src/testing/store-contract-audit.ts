import { expect, it } from 'vitest';
import { StoreError } from '../core/errors.js';
import type { AuditEntry, AuditEntryInput, AuditQuery, Store } from '../store/types.js';
import { type ContractHarness, finishedRun, MINUTE, T0 } from './store-contract-harness.js';

/** Every page of `query`, following cursors. */
async function allPages(store: Store, query: AuditQuery): Promise<AuditEntry[][]> {
  const pages: AuditEntry[][] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listAudit({ ...query, ...(cursor === undefined ? {} : { cursor }) });
    pages.push(page.entries);
    cursor = page.nextCursor;
  } while (cursor !== undefined && pages.length < 1000);
  return pages;
}

/** Moves the store's clock when the fixture gave one (entries then get distinct times). */
async function tick(h: ContractHarness, ms: number): Promise<void> {
  await h.fixture.clock?.advance(ms);
}

/** `count` entries alternating over two jobs, two actors and three actions, oldest first. */
async function seedAudit(h: ContractHarness, count: number): Promise<AuditEntry[]> {
  const actions = ['job.paused', 'job.resumed', 'job.triggered'] as const;
  const entries: AuditEntry[] = [];
  for (let i = 0; i < count; i++) {
    const input: AuditEntryInput = {
      actor: i % 2 === 0 ? 'cli:alice' : 'ops-token',
      action: actions[i % 3]!,
      job: i % 4 === 3 ? 'job-b' : 'job-a',
      after: { i },
    };
    entries.push(await h.store.appendAudit(input));
    if (i % 5 === 4) await tick(h, MINUTE);
  }
  return entries;
}

const ids = (entries: readonly AuditEntry[]): string[] => entries.map((entry) => entry.id);

/** The audit log: append-only entries stamped by the store, newest first, filtered, paginated, pruned by age. */
export function defineAuditContract(h: ContractHarness): void {
  it('appendAudit stores the entry with an id and the store time, and gives it back as listAudit does', async () => {
    const before = await h.store.now();
    const entry = await h.store.appendAudit({
      actor: 'cli:alice',
      action: 'job.paused',
      job: 'job-a',
      before: { paused: false, nested: { list: [1, 2], none: null } },
      after: { paused: true },
      note: 'disk swap',
      instanceId: 'instance-a',
    });
    expect(entry).toEqual({
      id: expect.any(String),
      at: expect.any(Date),
      actor: 'cli:alice',
      action: 'job.paused',
      job: 'job-a',
      before: { paused: false, nested: { list: [1, 2], none: null } },
      after: { paused: true },
      note: 'disk swap',
      instanceId: 'instance-a',
    });
    expect(entry.at.getTime()).toBeGreaterThanOrEqual(before.getTime());
    if (h.fixture.clock) expect(entry.at.getTime()).toBe(h.fixture.clock.now());
    const bare = await h.store.appendAudit({ actor: 'deploy', action: 'job.created', before: null });
    expect(bare).toEqual({
      id: expect.any(String),
      at: expect.any(Date),
      actor: 'deploy',
      action: 'job.created',
      before: null,
    });
    expect(bare.id).not.toBe(entry.id);
    const other = (await h.another()) ?? h.store;
    expect((await other.listAudit()).entries).toEqual([bare, entry]);
  });

  it('listAudit returns newest first, 50 per page by default, with a cursor to older pages', async () => {
    const entries = await seedAudit(h, 60);
    const newest = [...entries].reverse();
    const first = await h.store.listAudit();
    expect(ids(first.entries)).toEqual(ids(newest).slice(0, 50));
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await h.store.listAudit({ cursor: first.nextCursor as string });
    expect(ids(second.entries)).toEqual(ids(newest).slice(50));
    expect(second.nextCursor).toBeUndefined();
    const pages = await allPages(h.store, { limit: 7 });
    expect(pages.map((page) => page.length)).toEqual([7, 7, 7, 7, 7, 7, 7, 7, 4]);
    expect(ids(pages.flat())).toEqual(ids(newest));
  });

  it('listAudit filters by job, actor, action and [since, until), combined, across pages', async () => {
    const entries = await seedAudit(h, 30);
    const newest = [...entries].reverse();
    const since = entries[10]!.at;
    const until = entries[25]!.at;
    const cases: [AuditQuery, (entry: AuditEntry) => boolean][] = [
      [{ job: 'job-b' }, (e) => e.job === 'job-b'],
      [{ actor: 'ops-token' }, (e) => e.actor === 'ops-token'],
      [{ action: 'job.resumed' }, (e) => e.action === 'job.resumed'],
      [{ since }, (e) => e.at >= since],
      [{ until }, (e) => e.at < until],
      [
        { job: 'job-a', actor: 'cli:alice', since, until },
        (e) => e.job === 'job-a' && e.actor === 'cli:alice' && e.at >= since && e.at < until,
      ],
      [{ job: 'job-c' }, () => false],
    ];
    for (const [query, keep] of cases) {
      const expected = ids(newest.filter(keep));
      expect(ids((await allPages(h.store, { ...query, limit: 4 })).flat()), JSON.stringify(query)).toEqual(expected);
    }
  });

  it('appendAudit rejects a bad entry with a StoreError and stores nothing', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const bad: unknown[] = [
      { actor: '', action: 'job.paused' },
      { actor: 'cli:alice', action: 'job.exploded' },
      { actor: 'cli:alice', action: 'job.paused', job: 42 },
      { actor: 'cli:alice', action: 'job.paused', after: cyclic },
    ];
    for (const entry of bad) {
      await expect(h.store.appendAudit(entry as AuditEntryInput)).rejects.toBeInstanceOf(StoreError);
    }
    expect((await h.store.listAudit()).entries).toEqual([]);
    await expect(h.store.listAudit({ cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(StoreError);
  });

  it('pruneAudit deletes only the entries recorded before the date, and nothing else does', async () => {
    await h.store.reconcileJobs([{ name: 'job-a', schedule: '* * * * *', timezone: 'UTC' }]);
    await finishedRun(h.store, { slotMs: T0, status: 'succeeded', durationMs: 10 });
    const entries = await seedAudit(h, 12);
    const cut = entries[7]!.at;
    const older = entries.filter((entry) => entry.at < cut);
    expect(await h.store.pruneRuns({ olderThan: new Date(T0 + 365 * 24 * 60 * MINUTE), keepPerJob: 0 })).toBe(1);
    await h.store.updateJob('job-a', { paused: true });
    await h.store.reconcileJobs([], { removeMissing: true });
    expect(ids((await h.store.listAudit()).entries)).toEqual(ids([...entries].reverse()));
    expect(await h.store.pruneAudit({ olderThan: entries[0]!.at })).toBe(0);
    expect(await h.store.pruneAudit({ olderThan: cut })).toBe(older.length);
    if (h.fixture.clock) expect(older.length).toBe(5);
    const left = (await h.store.listAudit()).entries;
    expect(left).toEqual([...entries].reverse().filter((entry) => entry.at >= cut));
    expect(await h.store.pruneAudit({ olderThan: cut })).toBe(0);
  });

  it('entries are never changed afterwards: not by mutating what was passed in or given back', async () => {
    const after = { paused: true, note: 'first' };
    const entry = await h.store.appendAudit({ actor: 'ops-token', action: 'job.paused', job: 'job-a', after });
    after.note = 'changed by the caller';
    (entry.after as { note: string }).note = 'changed by a reader';
    const [read] = (await h.store.listAudit()).entries;
    expect(read?.after).toEqual({ paused: true, note: 'first' });
    (read!.after as { note: string }).note = 'changed again';
    await h.store.appendAudit({ actor: 'ops-token', action: 'job.resumed', job: 'job-a' });
    const [, again] = (await h.store.listAudit()).entries;
    expect(again).toEqual({ ...entry, after: { paused: true, note: 'first' } });
  });
}
