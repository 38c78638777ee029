import type pg from 'pg';

/** `id → content_hash` of every row of `table`. */
export async function remoteHashes(client: pg.ClientBase, table: string): Promise<Map<string, string>> {
  const { rows } = await client.query({ text: `SELECT id, content_hash FROM ${table}`, rowMode: 'array' });
  return new Map((rows as [string, string][]).map(([id, hash]) => [id, hash]));
}

/** Deletes the rows of `table` whose id is in `ids`; returns how many went. */
export async function deleteRows(client: pg.ClientBase, table: string, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await client.query(`DELETE FROM ${table} WHERE id = ANY($1::text[])`, [ids]);
  return result.rowCount ?? 0;
}
