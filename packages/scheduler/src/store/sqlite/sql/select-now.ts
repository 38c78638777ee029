/** The database clock (the host's), ms since the epoch. */
export const selectNow = (): string =>
  `SELECT CAST(ROUND((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER) AS now`;
