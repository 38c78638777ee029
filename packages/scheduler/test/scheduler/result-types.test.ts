import { describe, expect, expectTypeOf, it } from 'vitest';
import { defineJob, type JobDefinition, type RunRecord } from '../../src/index.js';
import { harness } from './helpers.js';

const syncSets = defineJob({
  name: 'sync-sets',
  schedule: '0 2 * * *',
  run: async () => ({ inserted: 3, source: 'bundled' }),
});

describe('a job result type is kept by trigger() and ctx.dependencies', () => {
  it('defineJob infers the result type from run', () => {
    expectTypeOf(syncSets).toEqualTypeOf<JobDefinition<{ inserted: number; source: string }>>();
  });

  it('trigger(definition) resolves with RunRecord<TResult>; trigger(name) with RunRecord<unknown>', async () => {
    let seen: number | undefined;
    const syncCards = defineJob({
      name: 'sync-cards',
      schedule: '0 3 * * *',
      dependsOn: ['sync-sets'],
      run: (ctx) => {
        const upstream = ctx.dependencies.get(syncSets);
        expectTypeOf(upstream).toEqualTypeOf<RunRecord<{ inserted: number; source: string }> | undefined>();
        expectTypeOf(ctx.dependencies.get('sync-sets')).toEqualTypeOf<RunRecord | undefined>();
        // @ts-expect-error the upstream's result has no `cards` field
        void upstream?.result?.cards;
        seen = upstream?.result?.inserted;
        return { cards: (upstream?.result?.inserted ?? 0) * 10 };
      },
    });
    await using h = harness([
      { name: 'sync-sets', schedule: '0 2 * * *', run: syncSets.run },
      { name: 'sync-cards', schedule: '0 3 * * *', dependsOn: ['sync-sets'], run: syncCards.run },
    ]);
    const s = h.scheduler;
    const sets = await s.trigger(syncSets);
    expectTypeOf(sets).toEqualTypeOf<RunRecord<{ inserted: number; source: string }>>();
    expect(sets.result?.inserted).toBe(3);
    const cards = await s.trigger(syncCards, { withDependencies: true });
    expectTypeOf(cards.result).toEqualTypeOf<{ cards: number } | undefined>();
    expect(cards).toMatchObject({ status: 'succeeded', result: { cards: 30 } });
    expect(seen).toBe(3);
    const byName = await s.trigger('sync-sets');
    expectTypeOf(byName).toEqualTypeOf<RunRecord>();
    await s.stop();
  });
});
