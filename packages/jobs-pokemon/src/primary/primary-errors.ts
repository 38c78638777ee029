import { isPermanentError } from '../failures/permanent.js';
import { errorCode, ResourceError } from '../failures/resource-error.js';
import { describeNetworkError } from '../sources/network-cause.js';

/** How the primary is named in messages: the option and the runner's variable. */
const SETTING = 'primaryDatabaseUrl; runner: PRIMARY_DATABASE_URL';

/** `host:port/database` and the user of a connection URL: never its password. */
function target(url: string): { where: string; user: string; database: string } {
  try {
    const parsed = new URL(url);
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || '(default)';
    const where = `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}`;
    return { where, user: decodeURIComponent(parsed.username) || '(default user)', database };
  } catch {
    return { where: '(an invalid URL)', user: '?', database: '?' };
  }
}

/** What went wrong and what to do, for the codes an operator meets when connecting. */
function describe(error: Error, t: ReturnType<typeof target>): string {
  const code = errorCode(error);
  switch (code) {
    case '28P01':
      return `password authentication failed for user "${t.user}" (28P01). Fix the password in PRIMARY_DATABASE_URL.`;
    case '28000':
      return `the server refused user "${t.user}" (28000: ${error.message}). Check the user in PRIMARY_DATABASE_URL and the server's pg_hba.conf.`;
    case '3D000':
      return `database "${t.database}" does not exist (3D000). Create it, or fix the database name in PRIMARY_DATABASE_URL.`;
    default:
      break;
  }
  if (/client password must be a string|password authentication failed/i.test(error.message)) {
    return `the server asks for a password and PRIMARY_DATABASE_URL has none (or a wrong one) for user "${t.user}". Put it in the URL: postgres://user:password@host/db.`;
  }
  if (/timeout/i.test(error.message) && code === undefined) {
    return `timed out connecting (${error.message}). Check that PostgreSQL at ${t.where} is up and reachable.`;
  }
  return `${describeNetworkError(error)}. Check that PostgreSQL at ${t.where} is up and that PRIMARY_DATABASE_URL names it.`;
}

/**
 * Turns an error from connecting to the primary into a {@link ResourceError}
 * naming `PRIMARY_DATABASE_URL`, `host:port/database` (never the password) and
 * the cause (refused, timed out, DNS, authentication failed, missing
 * database), keeping the original code. Authentication failures and a missing
 * database are permanent: the jobs do not retry them.
 */
export function primaryConnectError(url: string, thrown: unknown): ResourceError {
  const error = thrown instanceof Error ? thrown : new Error(String(thrown));
  const t = target(url);
  const permanent = isPermanentError(error) || /client password must be a string/i.test(error.message);
  return new ResourceError(
    `Primary PostgreSQL ${t.where}/${t.database} (${SETTING}): ${describe(error, t)}`,
    { resource: `${t.where}/${t.database}`, setting: SETTING, permanent, code: errorCode(error) },
    { cause: error },
  );
}
