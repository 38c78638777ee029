/** Small formatters shared by the commands' human output. */
import cronstrue from 'cronstrue';

const NICKNAMES: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/** "At 03:00 AM" for `0 3 * * *`; the expression itself when cronstrue cannot describe it. */
export function describeCron(expression: string): string {
  try {
    return cronstrue.toString(NICKNAMES[expression.trim()] ?? expression, { use24HourTimeFormat: true });
  } catch {
    return expression;
  }
}

/** `1.2 s`, `350 ms`, `2 min 5 s`; `-` when unknown. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return '-';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** `2026-11-22 03:00:00Z`-style short ISO; `-` when absent. */
export function formatDate(date: Date | undefined): string {
  if (date === undefined) return '-';
  return `${date.toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

/** A compact one-line JSON of a job's result, cut at `max` characters. */
export function summarize(value: unknown, max = 80): string {
  if (value === undefined) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** `512 B`, `4.2 MiB`, `1.1 GiB`; `-` when unknown. */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return '-';
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(value < 10 ? 1 : 0)} ${BYTE_UNITS[unit]}`;
}
