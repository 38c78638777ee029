/** Whether a table exists (a read-only store cannot create the migrations table). */
export const tableExists = (): string =>
  `SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = @name`;
