/**
 * A job's result in words for people (`inserted 12, sets 172, cards 20,106`);
 * the JSON itself is what `--json` and JSON logs carry.
 */

import { formatBytes } from './format.js';

/** How many fields a summary names before `…`. */
const MAX_FIELDS = 6;

/** `setsChecked` → `sets checked`, `bytes_reclaimed` → `bytes reclaimed`. */
function words(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
}

function valueInWords(value: unknown, key = ''): string | undefined {
  if (typeof value === 'number' && /bytes/i.test(key)) return formatBytes(value);
  if (typeof value === 'number') return value.toLocaleString('en-US');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value.length > 40 ? `${value.slice(0, 39)}…` : value;
  if (Array.isArray(value)) return `${value.length}`;
  return undefined;
}

/**
 * One line describing `result`: its top-level numbers, flags, short strings
 * and list sizes as `key value` pairs (nested objects are left to `--json`).
 * Empty for no result.
 */
export function describeResult(result: unknown): string {
  if (result === undefined || result === null) return '';
  if (typeof result !== 'object' || Array.isArray(result)) return valueInWords(result) ?? '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(result)) {
    const text = valueInWords(value, key);
    if (text !== undefined) parts.push(`${words(key)} ${text}`);
  }
  if (parts.length === 0) return `${Object.keys(result).length} field(s); see --json`;
  return parts.length > MAX_FIELDS ? `${parts.slice(0, MAX_FIELDS).join(', ')}, …` : parts.join(', ');
}
