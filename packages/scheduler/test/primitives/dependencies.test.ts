import { describe, expect, it } from 'vitest';
import { DependencyCycleError, InvalidJobError, UnknownJobError } from '../../src/core/errors.js';
import { resolveDependencies, upstreamChain } from '../../src/primitives/dependencies.js';

describe('resolveDependencies', () => {
  it('puts upstream jobs first', () => {
    expect(
      resolveDependencies([
        { name: 'cards', dependsOn: ['sets'] },
        { name: 'sets' },
        { name: 'report', dependsOn: ['cards', 'sets'] },
      ]),
    ).toEqual(['sets', 'cards', 'report']);
  });

  it('keeps the input order of independent jobs (stable)', () => {
    const names = ['e', 'b', 'd', 'a', 'c'];
    expect(resolveDependencies(names.map((name) => ({ name })))).toEqual(names);
    expect(resolveDependencies([{ name: 'x' }, { name: 'y', dependsOn: ['z'] }, { name: 'w' }, { name: 'z' }])).toEqual(
      ['x', 'z', 'y', 'w'],
    );
  });

  it('handles diamonds without duplicates', () => {
    const order = resolveDependencies([
      { name: 'd', dependsOn: ['b', 'c'] },
      { name: 'b', dependsOn: ['a'] },
      { name: 'c', dependsOn: ['a'] },
      { name: 'a' },
    ]);
    expect(order).toEqual(['a', 'b', 'c', 'd']);
  });

  it('handles a chain of 10,000 jobs without overflowing the stack', () => {
    const jobs = Array.from({ length: 10_000 }, (_, i) => ({ name: `j${i}`, dependsOn: i > 0 ? [`j${i - 1}`] : [] }));
    const order = resolveDependencies([...jobs].reverse());
    expect(order[0]).toBe('j0');
    expect(order[9_999]).toBe('j9999');
  });

  it('names the dependent of an unknown job', () => {
    const run = (): string[] => resolveDependencies([{ name: 'a' }, { name: 'b', dependsOn: ['a', 'ghost'] }]);
    expect(run).toThrow(UnknownJobError);
    expect(run).toThrow('Unknown job "ghost" (in dependsOn of "b"). Registered jobs: a, b.');
    expect(run).toThrow(expect.objectContaining({ code: 'UNKNOWN_JOB', job: 'ghost' }));
  });

  it('lists the cycle', () => {
    const run = (): string[] =>
      resolveDependencies([
        { name: 'start' },
        { name: 'a', dependsOn: ['start', 'b'] },
        { name: 'b', dependsOn: ['c'] },
        { name: 'c', dependsOn: ['a'] },
      ]);
    expect(run).toThrow(DependencyCycleError);
    expect(run).toThrow('Job dependencies form a cycle: a -> b -> c -> a. Remove one of these dependsOn entries.');
    expect(run).toThrow(expect.objectContaining({ code: 'DEPENDENCY_CYCLE', cycle: ['a', 'b', 'c', 'a'] }));
  });

  it('reports a self-dependency as a cycle', () => {
    expect(() => resolveDependencies([{ name: 'a', dependsOn: ['a'] }])).toThrow(
      expect.objectContaining({ cycle: ['a', 'a'] }),
    );
  });

  it('rejects duplicate job names', () => {
    const run = (): string[] => resolveDependencies([{ name: 'a' }, { name: 'b' }, { name: 'a' }]);
    expect(run).toThrow(InvalidJobError);
    expect(run).toThrow(expect.objectContaining({ code: 'INVALID_JOB', job: 'a', field: 'name' }));
    expect(run).toThrow('Expected `name` of Job "a" to be unique, got `"a"`. Rename one of them or register it once.');
  });
});

describe('upstreamChain', () => {
  const jobs = [
    { name: 'sets' },
    { name: 'cards', dependsOn: ['sets'] },
    { name: 'prices', dependsOn: ['cards'] },
    { name: 'report', dependsOn: ['prices', 'sets'] },
    { name: 'unrelated' },
  ];

  it('returns the transitive upstream jobs in run order, without the job itself', () => {
    expect(upstreamChain(jobs, 'report')).toEqual(['sets', 'cards', 'prices']);
    expect(upstreamChain(jobs, 'cards')).toEqual(['sets']);
    expect(upstreamChain(jobs, 'sets')).toEqual([]);
  });

  it('rejects an unknown job name and cycles', () => {
    expect(() => upstreamChain(jobs, 'nope')).toThrow(
      'Unknown job "nope". Registered jobs: sets, cards, prices, report, unrelated.',
    );
    expect(() =>
      upstreamChain(
        [
          { name: 'a', dependsOn: ['b'] },
          { name: 'b', dependsOn: ['a'] },
        ],
        'a',
      ),
    ).toThrow(DependencyCycleError);
  });
});
