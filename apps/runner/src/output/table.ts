/** Plain tables for terminal output (cli-table3, no colours when piped). */
import Table from 'cli-table3';

/** Renders rows under a header as a bordered table. */
export function renderTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const table = new Table({ head: [...head], style: { head: [], border: [] }, wordWrap: true });
  for (const row of rows) table.push([...row]);
  return table.toString();
}
