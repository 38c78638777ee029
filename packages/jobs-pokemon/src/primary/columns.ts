import { CARD_COLUMNS, CARD_JSON_COLUMNS, SET_COLUMNS, SET_JSON_COLUMNS } from '../catalog/rows.js';

/** How one catalogue column is typed in PostgreSQL. */
export interface PgColumn {
  /** Column name (same as SQLite's). */
  name: string;
  /** Native column type. */
  type: string;
  /** Array type of the `unnest` parameter carrying it. */
  paramType: 'text[]' | 'int[]';
}

const NATIVE: Record<string, string> = {
  printed_total: 'integer',
  total: 'integer',
  converted_retreat_cost: 'integer',
  release_date: 'date',
  updated_at: 'timestamptz',
};

function pgColumns(names: readonly string[], jsonColumns: ReadonlySet<string>): PgColumn[] {
  return names.map((name) => {
    const type = jsonColumns.has(name) ? 'jsonb' : (NATIVE[name] ?? 'text');
    return { name, type, paramType: type === 'integer' ? 'int[]' : 'text[]' };
  });
}

/** PostgreSQL typing of the `sets` columns, in {@link SET_COLUMNS} order. */
export const PG_SET_COLUMNS: readonly PgColumn[] = pgColumns(SET_COLUMNS, SET_JSON_COLUMNS);

/** PostgreSQL typing of the `cards` columns, in {@link CARD_COLUMNS} order. */
export const PG_CARD_COLUMNS: readonly PgColumn[] = pgColumns(CARD_COLUMNS, CARD_JSON_COLUMNS);
