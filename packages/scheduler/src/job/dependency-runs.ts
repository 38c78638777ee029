import type { RunRecord } from '../store/types.js';
import type { JobDependencies } from './types.js';

/** A map of upstream runs whose `get` takes a job name or a job definition. */
class DependencyRuns extends Map<string, RunRecord> {
  override get(job: string | { readonly name: string }): RunRecord | undefined {
    return super.get(typeof job === 'string' ? job : job.name);
  }
}

/** @internal `ctx.dependencies` over the upstream runs found for a run. */
export function dependencyRuns(runs: ReadonlyMap<string, RunRecord>): JobDependencies {
  return new DependencyRuns(runs) as JobDependencies;
}
