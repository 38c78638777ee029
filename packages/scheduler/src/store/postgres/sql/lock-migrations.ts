/** Serialises migrations of one schema across connections and processes ($1: lock name), until the transaction ends. */
export const lockMigrations = (): string => 'SELECT pg_advisory_xact_lock(hashtextextended($1, 0))';
