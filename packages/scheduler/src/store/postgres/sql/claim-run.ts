import type { PgTables } from '../tables.js';

/**
 * Claims a slot through `claim_slot(...)` (migration 4): one `json` value, see
 * there. $1 now (or NULL: database clock), $2 id, $3 job, $4 scheduled_for,
 * $5 claim_key, $6 trigger, $7 status, $8 reason, $9 instance_id, $10 lease ms,
 * $11 abandon reason.
 */
export const claimRun = (t: PgTables): string =>
  `SELECT ${t.quoted}.claim_slot($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) AS claim`;
