/** A console over a real scheduler and store, with one token per role, for the API tests. */
import {
  type Clock,
  createMemoryStore,
  createScheduler,
  defineJob,
  type JobDefinition,
  type Scheduler,
  type Store,
} from '@pokemon/scheduler';
import { type ConsoleHandler, type ConsoleRole, createConsole, generateTokenSecret, hashToken } from '../src/index.js';

/** The secret of each role's token (named after the role). */
export type Secrets = Record<ConsoleRole, string>;

/** What a test talks to. */
export interface Harness extends AsyncDisposable {
  console: ConsoleHandler;
  scheduler: Scheduler;
  store: Store;
  secrets: Secrets;
  /** A request to the console as `role` (bearer token), or anonymous. */
  call(
    method: string,
    path: string,
    options?: { role?: ConsoleRole; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
}

export const ORIGIN = 'http://console.test';

/** Jobs that finish at once, one that fails, one with a dependency. */
export function testJobs(): JobDefinition[] {
  return [
    defineJob({
      name: 'sync-sets',
      schedule: '0 2 * * *',
      description: 'Sync sets',
      run: async () => ({ inserted: 3 }),
    }),
    defineJob({
      name: 'sync-cards',
      schedule: '0 3 * * *',
      dependsOn: ['sync-sets'],
      run: async () => ({ inserted: 7 }),
    }),
    defineJob({
      name: 'always-fails',
      schedule: '*/15 * * * *',
      retry: { attempts: 2, backoff: 'fixed', initialDelayMs: 1, maxDelayMs: 1 },
      run: async () => {
        throw new Error('card source answered 503 Service Unavailable');
      },
    }),
  ];
}

/** Starts a console over `store` (a new memory store by default) and `jobs`. */
export async function startHarness(
  options: { store?: Store; jobs?: JobDefinition[]; clock?: Clock; basePath?: string } = {},
): Promise<Harness> {
  const store = options.store ?? createMemoryStore();
  const scheduler = createScheduler({
    jobs: options.jobs ?? testJobs(),
    store,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  await store.init();
  await scheduler.plan();
  await store.reconcileJobs(
    (options.jobs ?? testJobs()).map((job) => ({
      name: job.name,
      schedule: job.schedule,
      timezone: 'UTC',
      dependsOn: job.dependsOn ?? [],
    })),
  );
  const secrets: Secrets = {
    viewer: generateTokenSecret(),
    operator: generateTokenSecret(),
    admin: generateTokenSecret(),
  };
  const tokens = (Object.keys(secrets) as ConsoleRole[]).map((role) => ({
    name: role,
    role,
    hash: hashToken(secrets[role]),
  }));
  const console = createConsole({
    scheduler,
    store,
    tokens,
    ...(options.basePath ? { basePath: options.basePath } : {}),
  });
  const base = `${ORIGIN}${options.basePath ?? ''}`;
  return {
    console,
    scheduler,
    store,
    secrets,
    call: (method, path, { role, body, headers = {} } = {}) => {
      const init: RequestInit = { method, headers: { ...headers } };
      const h = init.headers as Record<string, string>;
      if (role) h.authorization = `Bearer ${secrets[role]}`;
      if (body !== undefined) {
        h['content-type'] = 'application/json';
        init.body = JSON.stringify(body);
      }
      return console.fetch(new Request(`${base}${path}`, init));
    },
    [Symbol.asyncDispose]: async () => {
      await console.close();
      await scheduler.stop();
      await store.close();
    },
  };
}
