import type { SerializedError } from '../core/serialized-error.js';

/** Formats a duration for humans: `850 ms`, `12.3 s`, `4 min 5 s`, `2 h 10 min`, `3 d 4 h`. @internal */
export function formatDurationMs(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1).replace(/\.0$/, '')} s`;
  const s = Math.floor(ms / 1_000);
  if (s < 3_600) return joinUnits(Math.floor(s / 60), 'min', s % 60, 's');
  if (s < 86_400) return joinUnits(Math.floor(s / 3_600), 'h', Math.floor((s % 3_600) / 60), 'min');
  return joinUnits(Math.floor(s / 86_400), 'd', Math.floor((s % 86_400) / 3_600), 'h');
}

function joinUnits(major: number, majorUnit: string, minor: number, minorUnit: string): string {
  return minor === 0 ? `${major} ${majorUnit}` : `${major} ${majorUnit} ${minor} ${minorUnit}`;
}

/** `Name: message` of a stored error, one line, at most `maxLength` characters; never the stack. @internal */
export function summarizeError(error: SerializedError | undefined, maxLength = 500): string | undefined {
  if (!error) return undefined;
  const head = error.code && !error.message.includes(error.code) ? `${error.name} [${error.code}]` : error.name;
  return truncate(`${head}: ${error.message}`.replace(/\s+/g, ' ').trim(), maxLength);
}

/** Cuts `text` to `maxLength` characters, ending with `…` when cut. @internal */
export function truncate(text: string, maxLength: number): string {
  return text.length <= maxLength ? text : `${text.slice(0, Math.max(0, maxLength - 1))}…`;
}
