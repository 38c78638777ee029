import { createMemoryStore, type JobDefinition } from '@pokemon/scheduler';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../src/config.js';
import { type Daemon, startDaemon } from '../src/daemon.js';
import { createLogger } from '../src/logging.js';
import { createRunner, type Runner } from '../src/runner.js';

/** A daemon of the test file: its runner, and the base URL of its HTTP server. */
export interface TestDaemon {
  readonly runner: Runner;
  readonly daemon: Daemon;
  readonly base: string;
}

/**
 * Registers hooks that start a daemon with an HTTP server on a free port (admin token `token`,
 * memory store, these jobs) before the file's tests, and stop it after them.
 */
export function useTestDaemon(jobs: readonly JobDefinition[], token: string): TestDaemon {
  const handle = {} as { runner: Runner; daemon: Daemon; base: string };
  beforeAll(async () => {
    const config = loadConfig({ POKEMON_CRON_HTTP_PORT: '0', POKEMON_CRON_ADMIN_TOKEN: token, LOG_LEVEL: 'silent' });
    handle.runner = await createRunner(config, {
      logger: createLogger(config, { isTTY: false }),
      jobs,
      store: createMemoryStore(),
    });
    handle.daemon = await startDaemon(handle.runner);
    handle.base = handle.daemon.httpUrl!;
  });
  afterAll(async () => {
    await handle.daemon?.stop();
    await handle.runner?.close();
  });
  return handle;
}
