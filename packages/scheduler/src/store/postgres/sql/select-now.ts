/** The database clock, to the millisecond. */
export const selectNow = (): string => `SELECT date_trunc('milliseconds', now()) AS now`;
