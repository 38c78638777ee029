import type { PgTables } from '../tables.js';

/** Creates the store's schema. */
export const createSchema = (t: PgTables): string => `CREATE SCHEMA IF NOT EXISTS ${t.quoted}`;
