import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { handleShutdownSignals } from '../src/signals.js';

function fakeProcess() {
  const emitter = new EventEmitter();
  const raised: string[] = [];
  let stderr = '';
  const target = {
    on: (signal: 'SIGTERM' | 'SIGINT', listener: (signal: NodeJS.Signals) => void) => emitter.on(signal, listener),
    raise: (signal: 'SIGTERM' | 'SIGINT') => {
      raised.push(signal);
    },
    stderr: { write: (chunk: string) => (stderr += chunk) },
  };
  return { emitter, raised, target, stderr: () => stderr };
}

describe('handleShutdownSignals', () => {
  it('aborts on the first signal without exiting', () => {
    const proc = fakeProcess();
    const signal = handleShutdownSignals(proc.target);
    expect(signal.aborted).toBe(false);
    proc.emitter.emit('SIGTERM', 'SIGTERM');
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe('SIGTERM');
    expect(proc.raised).toEqual([]);
  });

  it('forces the exit on a second signal by raising it (exit status 143 for SIGTERM, 130 for SIGINT)', () => {
    const term = fakeProcess();
    handleShutdownSignals(term.target);
    term.emitter.emit('SIGINT', 'SIGINT');
    term.emitter.emit('SIGTERM', 'SIGTERM');
    expect(term.raised).toEqual(['SIGTERM']);
    expect(JSON.parse(term.stderr())).toMatchObject({
      level: 60,
      signal: 'SIGTERM',
      msg: 'second signal: forcing exit',
    });

    const int = fakeProcess();
    handleShutdownSignals(int.target);
    int.emitter.emit('SIGINT', 'SIGINT');
    int.emitter.emit('SIGINT', 'SIGINT');
    expect(int.raised).toEqual(['SIGINT']);
  });
});
