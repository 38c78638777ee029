import { defineJob, type JobDefinition, type JobOptions } from '@pokemon/scheduler';
import type { PokemonServices } from '../services.js';
import { isFindingMessage } from './finding-message.js';

/** The module isolated jobs run: `dist/worker.js` beside this code (`src/worker.ts` from the sources). */
const WORKER_MODULE = new URL(import.meta.url.endsWith('.ts') ? '../worker.ts' : './worker.js', import.meta.url);

/**
 * Defines one of the jobs: as given, or, when the services say the jobs are isolated, the same
 * options with the body replaced by the worker module, which rebuilds the services from
 * plain configuration in the worker and runs the job of that name.
 */
export function definePokemonJob<TResult>(
  services: PokemonServices,
  options: JobOptions<TResult> & { run: NonNullable<JobOptions<TResult>['run']> },
): JobDefinition<TResult> {
  const isolation = services.isolation;
  if (!isolation) return defineJob(options);
  const { run: _inWorker, ...rest } = options;
  return defineJob<TResult>({
    ...rest,
    isolation: {
      mode: isolation.mode,
      module: WORKER_MODULE,
      data: isolation.worker,
      // Findings raised in the worker are delivered here, through the notifier (and its cooldown) of this thread.
      onMessage: (message) => {
        if (isFindingMessage(message)) void services.deliver(message.alert);
      },
      ...(isolation.memoryLimitMb === undefined ? {} : { memoryLimitMb: isolation.memoryLimitMb }),
      ...(isolation.killGraceMs === undefined ? {} : { killGraceMs: isolation.killGraceMs }),
    },
  });
}
