import type pg from 'pg';
import type { PgColumn } from './columns.js';

/**
 * `INSERT ... SELECT FROM unnest($1::text[], ...)`: one round trip per batch,
 * whatever its size. On conflict, the row is rewritten only when its content
 * hash differs.
 */
function upsertSql(table: string, columns: readonly PgColumn[]): string {
  const names = columns.map((c) => c.name);
  const params = columns.map((c, i) => `$${i + 1}::${c.paramType}`).join(', ');
  const select = columns.map((c) => (c.paramType === 'text[]' && c.type !== 'text' ? `${c.name}::${c.type}` : c.name));
  const updates = names.filter((n) => n !== 'id').map((n) => `${n} = EXCLUDED.${n}`);
  return `INSERT INTO ${table} (${names.join(', ')})
SELECT ${select.join(', ')} FROM unnest(${params}) AS t(${names.join(', ')})
ON CONFLICT (id) DO UPDATE SET ${updates.join(', ')}, replicated_at = now()
WHERE ${table}.content_hash IS DISTINCT FROM EXCLUDED.content_hash`;
}

/** Transposes rows (value arrays in `columns` order) into column arrays, the parameters of {@link upsertSql}. */
function columnArrays(rows: readonly unknown[][], columns: readonly PgColumn[]): unknown[][] {
  return columns.map((_, i) => rows.map((row) => row[i] ?? null));
}

/** Upserts `rows` in batches of `batchSize`; returns the number of rows written. */
export async function upsertRows(
  client: pg.ClientBase,
  table: string,
  columns: readonly PgColumn[],
  rows: readonly unknown[][],
  batchSize: number,
): Promise<number> {
  const sql = upsertSql(table, columns);
  let written = 0;
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize);
    const result = await client.query(sql, columnArrays(batch, columns));
    written += result.rowCount ?? 0;
  }
  return written;
}
