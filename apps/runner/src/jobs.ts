/**
 * Job lookups shared by the commands: by name (a usage error when unknown).
 */
import type { JobDefinition } from '@pokemon/scheduler';
import { closestName } from './closest-name.js';
import { UsageError } from './errors.js';
import type { Runner } from './runner.js';

/** The job named `name`, or a {@link UsageError} suggesting the closest name and listing the known ones. */
export function requireJob(runner: Runner, name: string): JobDefinition {
  const job = runner.job(name);
  if (job) return job;
  throw new UsageError(
    unknownJobMessage(
      name,
      runner.jobs.map((j) => j.name),
    ),
  );
}

/** `Unknown job "x". Did you mean "y"? Known jobs: ...` (`where` prefixes it, e.g. `--job: `). */
export function unknownJobMessage(name: string, known: readonly string[], where = ''): string {
  const closest = closestName(name, known);
  const hint = closest === undefined ? '' : ` Did you mean "${closest}"?`;
  return `${where}Unknown job "${name}".${hint} Known jobs: ${known.join(', ')}.`;
}
