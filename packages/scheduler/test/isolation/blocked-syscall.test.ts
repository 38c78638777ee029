// A job blocked in a system call (open(2) on a FIFO nobody writes) at its timeout: a child process
// is killed at once; a thread cannot be terminated until the call returns, so the attempt ends
// without it a moment after the kill, recorded timed_out and killed, and the slot is released.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SECOND } from '../../src/testing.js';
import { isolated, isolationHarness } from './harness.js';
import { untilBlockedOnFifo } from './proc.js';

describe.skipIf(process.platform !== 'linux').each(['thread', 'process'] as const)('in a %s', (mode) => {
  it('a job blocked in a system call is recorded timed_out and killed, and its slot released', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isolation-fifo-'));
    const fifo = path.join(dir, 'never-written');
    execFileSync('mkfifo', [fifo]);
    const job = isolated(mode, 'blocked-open', {
      schedule: '0 0 1 1 *',
      timeoutMs: SECOND,
      isolation: { data: { fifo }, killGraceMs: 0 },
    });
    await using h = isolationHarness([job]);
    const blocked = h.next('run:progress-reported');
    await h.scheduler.start();
    const triggered = h.scheduler.trigger('blocked-open');
    await untilBlockedOnFifo(((await blocked).progress as { pid: number }).pid);
    await h.clock.advance(SECOND); // the timeout: aborted and killed at once (no grace)
    // A process is gone at once; the thread's wait for its end is over after 1 s (here, fake).
    if (mode === 'thread') await h.clock.advance(SECOND);
    const run = await triggered;
    expect(run.status).toBe('timed_out');
    expect(run.attempts[0]?.killed).toBe(true);
    const crash = run.error?.cause;
    expect(crash).toMatchObject({ code: 'JOB_CRASHED', data: { reason: 'killed' } });
    if (mode === 'thread') expect(crash?.message).toContain('has not ended (blocked in a system call?)');
    else expect(crash).toMatchObject({ data: { signal: 'SIGKILL' } });
    expect(await h.store.listRunning()).toEqual([]);
    // Unblock the thread's open(2), still waiting for a writer, so its termination completes.
    if (mode === 'thread') fs.closeSync(fs.openSync(fifo, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK));
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
