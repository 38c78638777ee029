#!/usr/bin/env node
/**
 * The `cron-runner` executable: wires the real process into `runCli`. The
 * only place that calls `process.exit`.
 */
import { runCli } from './program.js';
import { handleShutdownSignals } from './signals.js';

const shutdown = handleShutdownSignals({
  on: (signal, listener) => process.on(signal, listener),
  exit: (code) => process.exit(code),
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
// Let stdout drain (a piped `--json` can be large) before exiting.
process.stdout.write('', () => process.exit(code));
