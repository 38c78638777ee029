import { DependencyCycleError, type InvalidJobError, UnknownJobError } from '../core/errors.js';
import { invalidOption, jobSite } from '../core/validate.js';

/** The part of a job {@link resolveDependencies} looks at. */
export interface DependencyNode {
  /** The job's unique name. */
  readonly name: string;
  /** Names of the jobs it depends on. */
  readonly dependsOn?: readonly string[] | undefined;
}

interface Graph {
  readonly byName: ReadonlyMap<string, DependencyNode>;
  readonly names: readonly string[];
}

/**
 * Orders jobs so that every job comes after the jobs it depends on
 * (topological order). Stable: a job is placed as early as its own
 * upstreams allow, visiting jobs in the given order and each job's
 * `dependsOn` in its listed order, so jobs without dependencies keep their
 * input order. Usable without the scheduler.
 *
 * @param jobs - the jobs, each with a unique name
 * @returns every job name, upstream first
 * @throws {@link InvalidJobError} when two jobs have the same name (field `name`);
 * {@link UnknownJobError} naming the dependent (`dependsOn of "b"`) for a name no job has;
 * {@link DependencyCycleError} listing the cycle, e.g. `a -> b -> a`
 *
 * @example
 * ```ts
 * resolveDependencies([
 *   { name: 'sync-cards', dependsOn: ['sync-sets'] },
 *   { name: 'sync-sets' },
 * ]); // ['sync-sets', 'sync-cards']
 * ```
 */
export function resolveDependencies(jobs: readonly DependencyNode[]): string[] {
  const graph = buildGraph(jobs);
  const order: string[] = [];
  const done = new Set<string>();
  for (const name of graph.names) visit(graph, name, done, order);
  return order;
}

/**
 * The transitive upstream jobs of `name`, in the order they should run
 * (upstream first), without `name` itself. Used by
 * `trigger(name, { withDependencies: true })`.
 *
 * @param jobs - the jobs, each with a unique name
 * @param name - the job whose upstream chain is wanted
 * @returns upstream job names, in run order (empty when it has no dependencies)
 * @throws {@link UnknownJobError} when `name`, or a name in a `dependsOn`, is not a job;
 * {@link DependencyCycleError} and {@link InvalidJobError} as {@link resolveDependencies}
 *
 * @example
 * ```ts
 * upstreamChain(jobs, 'report'); // ['sync-sets', 'sync-cards']
 * ```
 */
export function upstreamChain(jobs: readonly DependencyNode[], name: string): string[] {
  const graph = buildGraph(jobs);
  if (!graph.byName.has(name)) throw new UnknownJobError(name, graph.names);
  const order: string[] = [];
  visit(graph, name, new Set(), order);
  order.pop();
  return order;
}

function buildGraph(jobs: readonly DependencyNode[]): Graph {
  const byName = new Map<string, DependencyNode>();
  for (const job of jobs) {
    if (byName.has(job.name)) {
      throw invalidOption(jobSite(job.name), 'name', 'unique', job.name, 'Rename one of them or register it once.');
    }
    byName.set(job.name, job);
  }
  const names = [...byName.keys()];
  for (const job of jobs) {
    for (const upstream of job.dependsOn ?? []) {
      if (!byName.has(upstream)) throw new UnknownJobError(upstream, names, `dependsOn of "${job.name}"`);
    }
  }
  return { byName, names };
}

/**
 * Depth-first post-order from `start`, iterative (a chain of 10,000 jobs must
 * not overflow the stack). `path` holds the jobs being visited, to report a cycle.
 */
function visit(graph: Graph, start: string, done: Set<string>, order: string[]): void {
  if (done.has(start)) return;
  const path: string[] = [];
  const onPath = new Set<string>();
  const stack: { name: string; next: number }[] = [{ name: start, next: 0 }];
  path.push(start);
  onPath.add(start);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const upstreams = graph.byName.get(frame.name)?.dependsOn ?? [];
    const upstream = upstreams[frame.next];
    if (upstream === undefined) {
      stack.pop();
      path.pop();
      onPath.delete(frame.name);
      done.add(frame.name);
      order.push(frame.name);
      continue;
    }
    frame.next++;
    if (done.has(upstream)) continue;
    if (onPath.has(upstream)) {
      throw new DependencyCycleError([...path.slice(path.indexOf(upstream)), upstream]);
    }
    stack.push({ name: upstream, next: 0 });
    path.push(upstream);
    onPath.add(upstream);
  }
}
