#!/usr/bin/env node
/**
 * The `cron-runner` executable: wires the real process into `runCli`. The
 * only place that ends the process.
 */
import { runCli } from './program.js';
import { handleShutdownSignals, type ShutdownSignal, signalExitCode } from './signals.js';

/**
 * Ends the process by `signal`'s default action. `process.exit` would wait for
 * libuv's threads, forever if one is stuck in a blocking read.
 */
function raise(signal: ShutdownSignal): void {
  process.removeAllListeners(signal);
  process.kill(process.pid, signal);
}

const shutdown = handleShutdownSignals({
  on: (signal, listener) => process.on(signal, listener),
  raise,
  stderr: process.stderr,
});

// Keep the process alive until the command settles: a job may await work that holds no
// ref'd handle of its own (an unref'd library timer), which would otherwise end the
// process early with Node's "unsettled top-level await" (exit 13).
const keepAlive = setInterval(() => {}, 2 ** 30);
const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  shutdown,
});
clearInterval(keepAlive);
const signal = shutdown.reason as ShutdownSignal | undefined;
// Let stdout drain (a piped `--json` can be large) before exiting. A stop that left a job
// stuck after its grace period ends by its signal: a normal exit would wait for that job.
process.stdout.write('', () => {
  if (shutdown.aborted && signal !== undefined && code === signalExitCode(signal)) raise(signal);
  else process.exit(code);
});
