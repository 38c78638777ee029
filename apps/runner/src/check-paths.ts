/**
 * Checks of the configuration against the file system, run before a command
 * builds its runner (kept out of the pure `loadConfig`).
 */
import { statSync } from 'node:fs';
import type { RunnerConfig } from './config.js';
import { ConfigError } from './errors.js';

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Throws a one-line {@link ConfigError} when a configured directory source does not exist. */
export function checkPaths(config: RunnerConfig): void {
  if (config.source.kind === 'directory' && !isDirectory(config.source.path)) {
    throw new ConfigError(
      `POKEMON_CRON_SOURCE: expected "bundled", "api" or an existing directory, got ${JSON.stringify(config.source.path)} (not a directory)`,
      'POKEMON_CRON_SOURCE',
    );
  }
}
