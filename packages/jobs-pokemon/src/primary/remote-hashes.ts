import type pg from 'pg';

/** `id → content_hash` of the rows of `table` (only those of the sets `setIds` when given: cards). */
export async function remoteHashes(
  client: pg.ClientBase,
  table: string,
  setIds?: readonly string[],
): Promise<Map<string, string>> {
  const { rows } = setIds
    ? await client.query({
        text: `SELECT id, content_hash FROM ${table} WHERE set_id = ANY($1::text[])`,
        values: [setIds],
        rowMode: 'array',
      })
    : await client.query({ text: `SELECT id, content_hash FROM ${table}`, rowMode: 'array' });
  return new Map((rows as [string, string][]).map(([id, hash]) => [id, hash]));
}

/**
 * `set_id → md5 of the set's card hashes concatenated in id byte order` (hex),
 * the same digest as `localCardHashes`: a set whose digest matches needs no
 * row-by-row comparison, so a no-change replication transfers 172 digests, not 20,000 hashes.
 */
export async function remoteCardDigests(client: pg.ClientBase, table: string): Promise<Map<string, string>> {
  const { rows } = await client.query({
    text: `SELECT set_id, md5(string_agg(content_hash, '' ORDER BY id COLLATE "C")) FROM ${table} GROUP BY set_id`,
    rowMode: 'array',
  });
  return new Map(rows as [string, string][]);
}

/** Deletes the rows of `table` whose id is in `ids`; returns how many went. */
export async function deleteRows(client: pg.ClientBase, table: string, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await client.query(`DELETE FROM ${table} WHERE id = ANY($1::text[])`, [ids]);
  return result.rowCount ?? 0;
}
