import type { PgTables } from '../tables.js';

/**
 * Claims a slot in one call of `claim_run` (see migration 2): marks the
 * running holder of `(job, claim_key)` abandoned if its lease expired, then
 * inserts the new run unless a live run holds the key. Rows: the new run
 * (`kind = 'claimed'`), the run it took over (`abandoned`), or the live holder
 * (`existing`); none only if the holder vanished meanwhile.
 *
 * $1 now (or NULL: database clock), $2 id, $3 job, $4 scheduled_for,
 * $5 claim_key, $6 trigger, $7 status, $8 reason, $9 instance_id,
 * $10 lease ms, $11 abandon reason.
 */
export const claimRun = (t: PgTables): string => `
SELECT c.kind, (c.run).*
FROM ${t.quoted}.claim_run($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) c`;
