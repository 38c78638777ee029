import { CARD_COLUMNS, SET_COLUMNS } from './rows.js';

const insertSql = (table: string, columns: readonly string[]): string =>
  `INSERT INTO ${table} (${columns.join(', ')}, synced_at) VALUES (${columns.map((c) => `@${c}`).join(', ')}, @synced_at)`;

/** Inserts one set row (named parameters + `@synced_at`). */
export const INSERT_SET = insertSql('sets', SET_COLUMNS);

/** Rewrites every column of one set row. */
export const UPDATE_SET = `UPDATE sets SET ${SET_COLUMNS.filter((c) => c !== 'id')
  .map((c) => `${c} = @${c}`)
  .join(', ')}, synced_at = @synced_at WHERE id = @id`;

/** Inserts one card row (named parameters + `@synced_at`). */
export const INSERT_CARD = insertSql('cards', CARD_COLUMNS);
