/**
 * `@pokemon/cron-runner`: the CLI and daemon that run the Pokémon maintenance
 * jobs. The programmatic pieces are exported for embedding and tests: load the
 * configuration, build a runner, start the daemon or the HTTP server.
 *
 * @packageDocumentation
 */

export type { ConfigFlags, IsolationConfig, LogLevel, RunnerConfig, SourceConfig, StoreConfig } from './config.js';
export { CONFIG_VARIABLES, loadConfig } from './config.js';
export type { CliIO, OutputStream } from './context.js';
export type { Daemon } from './daemon.js';
export { startDaemon } from './daemon.js';
export { ConfigError, ExitCode, UsageError } from './errors.js';
export type { RunnerMetrics } from './http/metrics.js';
export { createMetrics } from './http/metrics.js';
export type { HttpServerOptions, RunnerHttpServer } from './http/server.js';
export { startHttpServer } from './http/server.js';
export type { LogOutput, PinoLogger } from './logging.js';
export { createLogger, toLibraryLogger } from './logging.js';
export { runCli } from './program.js';
export { REDACTED, redactConfig, redactUrl } from './redact.js';
export type { CreateRunnerOptions, Runner } from './runner.js';
export { createRunner, defaultInstanceId } from './runner.js';
