import type { RunsQueryShape } from '../../runs-query.js';
import type { SqliteTables } from '../tables.js';

/** History, newest first, keyset-paginated; filters are fixed SQL fragments chosen by `shape`. */
export const selectRuns = (t: SqliteTables, shape: RunsQueryShape): string => {
  const where: string[] = [];
  if (shape.job) where.push('job = @job');
  if (shape.status === 'one') where.push('status = @status');
  if (shape.status === 'many') where.push('status IN (SELECT value FROM json_each(@statuses))');
  if (shape.trigger === 'one') where.push('run_trigger = @trigger');
  if (shape.trigger === 'many') where.push('run_trigger IN (SELECT value FROM json_each(@triggers))');
  if (shape.from) where.push('scheduled_for >= @from');
  if (shape.to) where.push('scheduled_for < @to');
  if (shape.cursor) where.push('(scheduled_for, id) < (@cursorSlot, @cursorId)');
  return `
SELECT * FROM ${t.runs}
${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
ORDER BY scheduled_for DESC, id DESC
LIMIT @limit`;
};
