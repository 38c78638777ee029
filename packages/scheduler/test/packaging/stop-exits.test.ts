/**
 * After `stop()` gives up on a job that ignores its signal, nothing the scheduler holds keeps the
 * process alive: a service that returns from main after `await scheduler.stop()` exits, though the
 * job's time limit (a minute here) has not passed. Runs the BUILT package in a fresh node.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';

const dist = path.resolve(import.meta.dirname, '../../dist');

it('a process exits after stop() even though a stuck job’s time limit is pending', () => {
  if (!fs.existsSync(path.join(dist, 'index.js'))) throw new Error(`not built: ${dist}/index.js missing`);
  const script = `
    const { createMemoryStore, createScheduler, defineJob } = await import(${JSON.stringify(pathToFileURL(path.join(dist, 'index.js')).href)});
    const stuck = defineJob({ name: 'stuck', schedule: '0 0 1 1 *', timeoutMs: 60_000, run: () => new Promise(() => {}) });
    const scheduler = createScheduler({ jobs: [stuck], store: createMemoryStore(), shutdownGraceMs: 0 });
    let started;
    const running = new Promise((resolve) => { started = resolve; });
    scheduler.on('run:started', () => started());
    const triggered = scheduler.trigger('stuck');
    await running;
    await scheduler.stop();
    const record = await triggered;
    process.stdout.write(record.status);
  `;
  // A process held by the job's 60 s time limit is killed at 30 s (execFileSync's timeout) and fails the test.
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(out).toBe('cancelled');
});
