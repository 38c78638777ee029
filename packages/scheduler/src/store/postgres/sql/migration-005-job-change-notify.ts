import type { PgTables } from '../tables.js';

/**
 * Version 5: every write to a job row (pause, resume, schedule override, circuit state,
 * reconcile) sends `NOTIFY <channel>, '<job name>'` at commit, whoever made it (the
 * scheduler, the runner's CLI, plain SQL), so listening instances read it at once.
 */
export const migration005JobChangeNotify = (t: PgTables): string => `
CREATE OR REPLACE FUNCTION ${t.quoted}.notify_job_change() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM pg_notify('${t.channel}', CASE WHEN TG_OP = 'DELETE' THEN OLD.name ELSE NEW.name END);
  RETURN NULL;
END
$fn$;
DROP TRIGGER IF EXISTS jobs_changed ON ${t.jobs};
CREATE TRIGGER jobs_changed AFTER INSERT OR UPDATE OR DELETE ON ${t.jobs}
  FOR EACH ROW EXECUTE FUNCTION ${t.quoted}.notify_job_change();
`;
