#!/usr/bin/env node
/**
 * The `cron-runner` executable: wires the real process into `runCli`. The
 * only place that touches signals and calls `process.exit`.
 */
import { runCli } from './program.js';

const shutdown = new AbortController();
let signals = 0;

function onSignal(signal: NodeJS.Signals): void {
  signals += 1;
  if (signals === 1) {
    // The daemon logs its graceful stop; a one-shot command cancels its run.
    shutdown.abort(signal);
    return;
  }
  // A pino-shaped line, so JSON log pipelines keep parsing.
  const line = {
    level: 60,
    time: new Date().toISOString(),
    pid: process.pid,
    signal,
    msg: 'second signal: forcing exit',
  };
  process.stderr.write(`${JSON.stringify(line)}\n`);
  process.exit(signal === 'SIGINT' ? 130 : 143);
}

process.on('SIGTERM', onSignal);
process.on('SIGINT', onSignal);

// Keep the process alive until the command settles: a job may await work that holds no
// ref'd handle of its own (an unref'd library timer), which would otherwise end the
// process early with Node's "unsettled top-level await" (exit 13).
const keepAlive = setInterval(() => {}, 2 ** 30);
const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  shutdown: shutdown.signal,
});
clearInterval(keepAlive);
// Let stdout drain (a piped `--json` can be large) before exiting.
process.stdout.write('', () => process.exit(code));
