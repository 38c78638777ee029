import type { HostMessage, WorkerMessage } from './protocol.js';

/** How a worker ended, as its host saw it. @internal */
export interface WorkerEnd {
  exitCode: number | null;
  signal: string | null;
  /** A thread's uncaught error (its `error` event), or a process's, as it reported it. */
  uncaught?: unknown;
  /** It ran out of heap. */
  outOfMemory: boolean;
  /** It was killed but had not ended when the attempt stopped waiting for it. */
  stillRunning?: true;
}

/** A running worker thread or child process. @internal */
export interface WorkerHandle {
  /** Sends a message (ignored once it has ended). */
  send(message: HostMessage): void;
  /** Ends it now: the thread is terminated, the process group killed with SIGKILL; either no longer holds the scheduler's process open. */
  kill(): void;
  /** Settles when it has ended (and, for a process, its group has been killed: nothing it started is left). */
  readonly ended: Promise<WorkerEnd>;
}

/** What a worker is started with. @internal */
export interface WorkerSpawn {
  memoryLimitMb: number | undefined;
  onMessage(message: WorkerMessage): void;
  /** A line the worker wrote to stdout or stderr (processes only: a thread writes to the host's streams). */
  onOutput(stream: 'stdout' | 'stderr', line: string): void;
}
