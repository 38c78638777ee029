import { CARD_COLUMNS, SET_COLUMNS } from './rows.js';

// Positional parameters (`?`): binding an array is markedly faster than named parameters in better-sqlite3.
const insertSql = (table: string, columns: readonly string[]): string =>
  `INSERT INTO ${table} (${columns.join(', ')}, synced_at) VALUES (${columns.map(() => '?').join(', ')}, ?)`;

/** Inserts one set row: the {@link SET_COLUMNS} values in order, then `synced_at`. */
export const INSERT_SET = insertSql('sets', SET_COLUMNS);

/** Rewrites one set row: the {@link SET_COLUMNS} values except `id`, then `synced_at`, then `id` (see {@link updateSetValues}). */
export const UPDATE_SET = `UPDATE sets SET ${SET_COLUMNS.filter((c) => c !== 'id')
  .map((c) => `${c} = ?`)
  .join(', ')}, synced_at = ? WHERE id = ?`;

/** Inserts one card row: the {@link CARD_COLUMNS} values in order, then `synced_at`. */
export const INSERT_CARD = insertSql('cards', CARD_COLUMNS);

/** The values of `row` in `columns` order, then `syncedAt`: the parameters of the statements above. */
export function bindValues(row: object, columns: readonly string[], syncedAt: string): unknown[] {
  const values = new Array<unknown>(columns.length + 1);
  for (let i = 0; i < columns.length; i++) values[i] = (row as Record<string, unknown>)[columns[i]!];
  values[columns.length] = syncedAt;
  return values;
}

/** The parameters of {@link UPDATE_SET} for `row`. */
export function updateSetValues(row: object, syncedAt: string): unknown[] {
  const values = bindValues(row, SET_COLUMNS, syncedAt);
  return [...values.slice(1), values[0]];
}
