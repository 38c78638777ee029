import { componentSite, invalidOption } from '../../core/validate.js';

/** Names of the SQLite store's tables and indexes, derived from a validated prefix. */
export interface SqliteTables {
  prefix: string;
  migrations: string;
  jobs: string;
  runs: string;
  state: string;
  audit: string;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,40}$/;

/** Table names for `prefix`; a prefix that is not a plain identifier is an `InvalidOptionError`. */
export function sqliteTables(prefix: string): SqliteTables {
  if (!IDENTIFIER.test(prefix)) {
    const expected = 'letters, digits and underscores (at most 41, starting with a letter or _)';
    throw invalidOption(componentSite('createSqliteStore'), 'tablePrefix', expected, prefix);
  }
  return {
    prefix,
    migrations: `${prefix}migrations`,
    jobs: `${prefix}jobs`,
    runs: `${prefix}runs`,
    state: `${prefix}state`,
    audit: `${prefix}audit`,
  };
}
