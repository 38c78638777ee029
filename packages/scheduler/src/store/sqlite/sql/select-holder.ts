import type { SqliteTables } from '../tables.js';

/** The live run holding `(job, claim_key)`. */
export const selectHolder = (t: SqliteTables): string =>
  `SELECT * FROM ${t.runs} WHERE job = @job AND claim_key = @claimKey AND status <> 'abandoned'`;
