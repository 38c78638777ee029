/**
 * Two-phase shutdown on SIGTERM/SIGINT: the first signal aborts `shutdown`
 * (the daemon stops gracefully, a one-shot command cancels its run); a second
 * one, of either kind, forces the exit at once.
 */

/** The signals the runner stops on. */
export type ShutdownSignal = 'SIGTERM' | 'SIGINT';

/** What the handler needs of the process (`cli.ts` passes the real one). */
export interface SignalTarget {
  on(signal: ShutdownSignal, listener: (signal: NodeJS.Signals) => void): unknown;
  /**
   * Ends the process by `signal`'s default action (status 130 for SIGINT, 143
   * for SIGTERM). Unlike `process.exit`, this ends it even while a thread is
   * stuck in a blocking call (a FIFO, a hung network mount).
   */
  raise(signal: ShutdownSignal): void;
  /** Where the forced-exit line goes. */
  stderr: { write(chunk: string): unknown };
}

/** The exit status of a process ended by `signal`: 130 (SIGINT) or 143 (SIGTERM). */
export function signalExitCode(signal: ShutdownSignal): number {
  return signal === 'SIGINT' ? 130 : 143;
}

/** Installs the handlers; returns the signal aborted (with the signal's name as reason) by the first SIGTERM/SIGINT. */
export function handleShutdownSignals(target: SignalTarget): AbortSignal {
  const shutdown = new AbortController();
  let received = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    received += 1;
    if (received === 1) {
      shutdown.abort(signal);
      return;
    }
    // A pino-shaped line, so JSON log pipelines keep parsing.
    const line = { level: 60, time: new Date().toISOString(), signal, msg: 'second signal: forcing exit' };
    target.stderr.write(`${JSON.stringify(line)}\n`);
    target.raise(signal === 'SIGINT' ? 'SIGINT' : 'SIGTERM');
  };
  target.on('SIGTERM', onSignal);
  target.on('SIGINT', onSignal);
  return shutdown.signal;
}
