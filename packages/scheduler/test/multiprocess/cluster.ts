import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { InstanceConfig } from './fixtures/instance.js';

/** A line an instance printed. */
interface InstanceEvent {
  instanceId: string;
  atMs: number;
  type: 'ready' | 'exec' | 'done' | 'abandoned' | 'error' | 'stopped' | 'skew';
  slot?: string;
  runId?: string;
  trigger?: string;
  [key: string]: unknown;
}

/** A scheduler instance running in a child process. */
interface Instance {
  readonly id: string;
  readonly child: ChildProcess;
  /** Resolves when the process has exited. */
  readonly exited: Promise<number | null>;
  /** Its stderr so far (for failure messages). */
  stderr(): string;
}

const fixture = fileURLToPath(new URL('./fixtures/instance.ts', import.meta.url));
const packageDir = fileURLToPath(new URL('../..', import.meta.url));

/** A set of instances whose events are collected in order of arrival. */
export class Cluster {
  readonly events: InstanceEvent[] = [];
  readonly instances: Instance[] = [];
  #waiters: { check: () => boolean; resolve: () => void }[] = [];

  /** Starts an instance (`node --import tsx`). */
  spawn(config: InstanceConfig): Instance {
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, JSON.stringify(config)], {
      cwd: packageDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffer = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        if (line.startsWith('{')) this.#push(JSON.parse(line) as InstanceEvent);
        newline = buffer.indexOf('\n');
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const instance = { id: config.instanceId, child, exited, stderr: () => stderr };
    this.instances.push(instance);
    return instance;
  }

  /** Resolves when `check` holds (re-checked on every event), rejects after `timeoutMs`. */
  waitFor(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const errors = this.instances.map((i) => `${i.id}: ${i.stderr().slice(-2000)}`).join('\n');
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${errors}`));
      }, timeoutMs);
      this.#waiters.push({
        check,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  /** Events of one type, optionally of one instance. */
  of(type: InstanceEvent['type'], instanceId?: string): InstanceEvent[] {
    return this.events.filter((e) => e.type === type && (instanceId === undefined || e.instanceId === instanceId));
  }

  /** SIGTERM to every live instance, then waits for them all (SIGKILL after `graceMs`). */
  async stopAll(graceMs = 15_000): Promise<void> {
    for (const instance of this.instances) if (instance.child.exitCode === null) instance.child.kill('SIGTERM');
    const timer = setTimeout(() => {
      for (const instance of this.instances) if (instance.child.exitCode === null) instance.child.kill('SIGKILL');
    }, graceMs);
    await Promise.all(this.instances.map((instance) => instance.exited));
    clearTimeout(timer);
  }

  #push(event: InstanceEvent): void {
    this.events.push(event);
    this.#waiters = this.#waiters.filter((waiter) => {
      if (!waiter.check()) return true;
      waiter.resolve();
      return false;
    });
  }
}
