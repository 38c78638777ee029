/**
 * `@pokemon/jobs-pokemon/worker`: the module an isolated Pokémon job runs in its worker
 * thread or child process. Its `run(ctx, config)` builds the jobs' services from plain
 * configuration and runs the job named `ctx.job`. `createPokemonJobs(config, { isolation })`
 * points the jobs at it; nothing else needs to import it.
 *
 * @packageDocumentation
 */
import { type IsolationPort, type JobContext, NonRetryableError } from '@pokemon/scheduler';
import { createPokemonJobs } from './create-jobs.js';
import type { PokemonWorkerConfig } from './isolation/worker-config.js';
import { configInWorker } from './isolation/worker-services.js';

export type { HistoryStoreSpec, PokemonWorkerConfig, SourceSpec } from './isolation/worker-config.js';

/**
 * Runs the Pokémon job named `ctx.job` with services built from `config` (in the calling
 * thread: the scheduler calls it inside the worker).
 *
 * @param ctx - the run's context, as the scheduler sends it to the worker
 * @param config - what to build the services from
 * @param port - the line to the scheduler's thread: findings are posted on it
 * @returns the job's result
 * @throws NonRetryableError when no Pokémon job has that name; whatever the job throws
 */
export async function run(ctx: JobContext, config: PokemonWorkerConfig, port: IsolationPort): Promise<unknown> {
  const job = createPokemonJobs(configInWorker(config, port)).find((candidate) => candidate.name === ctx.job);
  if (!job)
    throw new NonRetryableError(
      `No Pokémon job is named "${ctx.job}"; the worker module runs only the eight Pokémon jobs.`,
    );
  return job.run(ctx);
}
