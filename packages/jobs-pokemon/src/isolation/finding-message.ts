import type { PokemonAlert } from '../alerts.js';

/** A finding (health warning, integrity problem) raised in an isolated job's worker, posted to the scheduler's thread. */
export interface FindingMessage {
  type: 'pokemon-finding';
  alert: PokemonAlert;
}

/** Whether a message from a worker is a {@link FindingMessage}. */
export function isFindingMessage(message: unknown): message is FindingMessage {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === 'pokemon-finding' &&
    typeof (message as { alert?: unknown }).alert === 'object'
  );
}
