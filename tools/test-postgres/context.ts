/** The values the PostgreSQL global setup provides to tests. */
declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the test server; tests create their own databases on it. */
    pgAdminUrl: string;
  }
}

export {};
