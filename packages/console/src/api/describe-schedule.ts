/** A cron expression in words (cronstrue), or the expression itself when cronstrue cannot read it. */
import cronstrue from 'cronstrue';

const cache = new Map<string, string>();

/** `0 3 * * *` → `At 03:00 AM`. */
export function scheduleInWords(expression: string): string {
  let words = cache.get(expression);
  if (words === undefined) {
    try {
      words = cronstrue.toString(expression, { use24HourTimeFormat: true, verbose: false });
    } catch {
      words = expression;
    }
    cache.set(expression, words);
  }
  return words;
}
