import type { SqliteTables } from '../tables.js';

/** Applies an operator patch; each `@set*` flag says whether its field is part of the patch. */
export const patchJob = (t: SqliteTables): string => `
UPDATE ${t.jobs}
SET paused = CASE WHEN @setPaused THEN @paused ELSE paused END,
    pause_note = CASE WHEN @setPauseNote THEN @pauseNote ELSE pause_note END,
    schedule_override = CASE WHEN @setScheduleOverride THEN @scheduleOverride ELSE schedule_override END,
    circuit = coalesce(@circuit, circuit),
    updated_at = @now
WHERE name = @name
RETURNING *`;
