/**
 * Two-phase shutdown on SIGTERM/SIGINT: the first signal aborts `shutdown`
 * (the daemon stops gracefully, a one-shot command cancels its run); a second
 * one, of either kind, forces the exit at once.
 */

/** What the handler needs of the process (`cli.ts` passes the real one). */
export interface SignalTarget {
  on(signal: 'SIGTERM' | 'SIGINT', listener: (signal: NodeJS.Signals) => void): unknown;
  /** Ends the process: called on the second signal with 130 (SIGINT) or 143 (SIGTERM). */
  exit(code: number): void;
  /** Where the forced-exit line goes. */
  stderr: { write(chunk: string): unknown };
}

/** Installs the handlers; returns the signal aborted by the first SIGTERM/SIGINT. */
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
    target.exit(signal === 'SIGINT' ? 130 : 143);
  };
  target.on('SIGTERM', onSignal);
  target.on('SIGINT', onSignal);
  return shutdown.signal;
}
