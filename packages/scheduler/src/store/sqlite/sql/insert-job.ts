import type { SqliteTables } from '../tables.js';

/** Adds a job with default operator state. */
export const insertJob = (t: SqliteTables): string => `
INSERT INTO ${t.jobs} (name, schedule, timezone, description, depends_on, paused, circuit, created_at, updated_at)
VALUES (@name, @schedule, @timezone, @description, @dependsOn, 0, @circuit, @now, @now)`;
