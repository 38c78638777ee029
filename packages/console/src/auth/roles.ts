/** The console's roles, least to most privileged. */
export const CONSOLE_ROLES = ['viewer', 'operator', 'admin'] as const;

/**
 * What a token may do:
 *
 * - `viewer`: read everything (jobs, runs, instances, audit log, live events).
 * - `operator`: also trigger, pause, resume, backfill and retry.
 * - `admin`: also override a job's schedule and clear the override.
 */
export type ConsoleRole = (typeof CONSOLE_ROLES)[number];

/** Whether `role` grants what `required` grants. */
export function roleAllows(role: ConsoleRole, required: ConsoleRole): boolean {
  return CONSOLE_ROLES.indexOf(role) >= CONSOLE_ROLES.indexOf(required);
}

/** Whether `value` names a role. */
export function isConsoleRole(value: string): value is ConsoleRole {
  return (CONSOLE_ROLES as readonly string[]).includes(value);
}
