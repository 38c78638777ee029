/** Serialises job reconciliation of one schema until the transaction ends ($1: lock name). */
export const lockReconcile = (): string => 'SELECT pg_advisory_xact_lock(hashtextextended($1, 0))';
