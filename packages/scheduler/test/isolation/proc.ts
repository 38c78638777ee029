import fs from 'node:fs';
import { setTimeout as realDelay } from 'node:timers/promises';

/** Whether `pid` is a live process, read from /proc (a zombie waiting for its parent to reap it is not). */
export function isAlive(pid: number): boolean {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return false;
  }
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return state !== 'Z' && state !== 'X';
}

/** SIGKILL takes effect as the kernel schedules the process: looks again every 10 ms for up to 1 s. */
export async function goneSoon(pid: number): Promise<boolean> {
  for (let i = 0; i < 100 && isAlive(pid); i++) await realDelay(10);
  return !isAlive(pid);
}

/** Resolves once a thread of process `pid` is blocked opening a FIFO that has no writer (Linux `wchan`), looking every 10 ms. */
export async function untilBlockedOnFifo(pid: number): Promise<void> {
  const blocked = (): boolean =>
    fs
      .readdirSync(`/proc/${pid}/task`)
      .some((tid) => fs.readFileSync(`/proc/${pid}/task/${tid}/wchan`, 'utf8') === 'wait_for_partner');
  while (!blocked()) await realDelay(10);
}
