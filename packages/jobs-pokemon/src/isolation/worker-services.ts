import type { IsolationPort, Store } from '@pokemon/scheduler';
import type { PokemonJobsConfig } from '../config.js';
import { apiSource } from '../sources/api.js';
import { bundledSource } from '../sources/bundled.js';
import { directorySource } from '../sources/directory.js';
import type { CardSource } from '../sources/types.js';
import type { FindingMessage } from './finding-message.js';
import type { HistoryStoreSpec, PokemonWorkerConfig, SourceSpec } from './worker-config.js';

/** The jobs' configuration inside a worker: the card source and history pruning built from their descriptions. */
export function configInWorker(worker: PokemonWorkerConfig, port: IsolationPort): PokemonJobsConfig {
  const { source, historyStore, ...plain } = worker;
  return {
    ...plain,
    // Findings go to the scheduler's thread, whose notifier delivers them (see definePokemonJob).
    notify: async (alert) => port.post({ type: 'pokemon-finding', alert } satisfies FindingMessage),
    source: cardSource(source ?? { kind: 'bundled' }),
    ...(historyStore ? { pruneHistory: (olderThan: Date) => pruneHistory(historyStore, olderThan) } : {}),
  };
}

function cardSource(spec: SourceSpec): CardSource {
  if (spec.kind === 'directory') return directorySource(spec.path);
  if (spec.kind === 'api') return apiSource({ baseUrl: spec.baseUrl, ...(spec.apiKey ? { apiKey: spec.apiKey } : {}) });
  return bundledSource();
}

/** Opens the scheduler store for the duration of one prune (its driver loaded only then). */
async function pruneHistory(spec: HistoryStoreSpec, olderThan: Date): Promise<number> {
  const store = await openStore(spec);
  try {
    await store.init();
    return await store.pruneRuns({ olderThan });
  } finally {
    await store.close();
  }
}

async function openStore(spec: HistoryStoreSpec): Promise<Store> {
  if (spec.kind === 'postgres') {
    const { createPostgresStore } = await import('@pokemon/scheduler/postgres');
    return createPostgresStore({ connectionString: spec.url });
  }
  const { createSqliteStore } = await import('@pokemon/scheduler/sqlite');
  return createSqliteStore({ filename: spec.path });
}
