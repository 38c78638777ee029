import type { PgTables } from '../tables.js';

/** The live run holding `(job, claim_key)` ($1 job, $2 claim_key). */
export const selectHolder = (t: PgTables): string =>
  `SELECT * FROM ${t.runs} WHERE job = $1 AND claim_key = $2 AND status <> 'abandoned'`;
