/**
 * Plain tables for terminal output (cli-table3, no colours), fitted to a
 * width: the widest columns give way first, their cells wrap at word
 * boundaries and a word longer than its column is cut with `…`. Every row is kept.
 */
import Table from 'cli-table3';

/** The narrowest a shrunk column gets, padding included. */
const MIN_COLUMN = 4;

function textWidth(cell: string, separator: RegExp = /\n/): number {
  return Math.max(0, ...cell.split(separator).map((part) => [...part].length));
}

/** Shrinks the widest shrinkable column by one until the widths fit `available` or none can give. */
function shrinkWidest(widths: number[], floors: readonly number[], available: number): void {
  let total = widths.reduce((sum, w) => sum + w, 0);
  while (total > available) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++) {
      if (widths[i]! > floors[i]! && (widest < 0 || widths[i]! > widths[widest]!)) widest = i;
    }
    if (widest < 0) return;
    widths[widest]! -= 1;
    total -= 1;
  }
}

/**
 * Column widths (padding included) that fit `width` with the borders. The
 * widest columns give way first: down to their longest word (cells wrap, no
 * text lost), then down to a few characters (long words are cut). The first
 * column (the row's name) keeps its width when it takes at most a third.
 */
export function fitColumns(natural: readonly number[], width: number, longestWords?: readonly number[]): number[] {
  const widths = [...natural];
  const available = width - (widths.length + 1);
  const keepFirst = widths.length > 1 && widths[0]! <= available / 3;
  const floor = (i: number, least: number): number => (keepFirst && i === 0 ? widths[0]! : Math.min(widths[i]!, least));
  shrinkWidest(
    widths,
    widths.map((_, i) => floor(i, Math.max(MIN_COLUMN, longestWords?.[i] ?? 0))),
    available,
  );
  shrinkWidest(
    widths,
    widths.map((_, i) => floor(i, MIN_COLUMN)),
    available,
  );
  return widths;
}

/**
 * Renders rows under a header as a bordered table, at most `width` columns
 * wide when given (a terminal's width; piped output is not limited).
 */
export function renderTable(head: readonly string[], rows: readonly (readonly string[])[], width?: number): string {
  const natural = head.map((title, i) => Math.max(textWidth(title), ...rows.map((row) => textWidth(row[i] ?? ''))) + 2);
  const words = head.map(
    (title, i) => Math.max(...[title, ...rows.map((row) => row[i] ?? '')].map((cell) => textWidth(cell, /\s/))) + 2,
  );
  const colWidths = width === undefined ? undefined : fitColumns(natural, width, words);
  const table = new Table({
    head: [...head],
    style: { head: [], border: [] },
    wordWrap: true,
    ...(colWidths ? { colWidths } : {}),
  });
  for (const row of rows) table.push([...row]);
  return table.toString();
}
