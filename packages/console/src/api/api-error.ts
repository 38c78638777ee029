/** Errors the API answers with: an HTTP status and a stable code, as `{ error: { code, message } }`. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * The stable codes of the console's API errors.
 *
 * - `BAD_REQUEST`: a parameter or body failed validation (the message names it).
 * - `UNAUTHORIZED`: no valid token or session. `NO_TOKENS`: no token is configured.
 * - `FORBIDDEN`: the role does not allow it. `ORIGIN_REFUSED`: a state change from another origin.
 * - `UNKNOWN_JOB`, `UNKNOWN_RUN`, `NOT_FOUND`: nothing there.
 * - `INVALID_SCHEDULE`: a schedule override that does not parse.
 * - `NOT_RETRYABLE`: a retry of a run that did not fail.
 * - `CONFLICT`: the scheduler cannot do it now (stopped). `PAYLOAD_TOO_LARGE`: a body over 16 KiB.
 * - `INTERNAL`: see the service's logs.
 */
export type ConsoleErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'NO_TOKENS'
  | 'FORBIDDEN'
  | 'ORIGIN_REFUSED'
  | 'UNKNOWN_JOB'
  | 'UNKNOWN_RUN'
  | 'NOT_FOUND'
  | 'INVALID_SCHEDULE'
  | 'NOT_RETRYABLE'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'INTERNAL';

/** @internal Thrown by a route; turned into the JSON error by the app's error handler. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ConsoleErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** @internal */
export function errorResponse(c: Context, status: ContentfulStatusCode, code: ConsoleErrorCode, message: string) {
  return c.json({ error: { code, message } }, status);
}

/** @internal Maps what the scheduler throws to an API error; `undefined` for the unexpected. */
export function apiErrorOf(error: unknown): ApiError | undefined {
  if (error instanceof ApiError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'UNKNOWN_JOB') return new ApiError(404, 'UNKNOWN_JOB', message);
  if (code === 'INVALID_SCHEDULE') return new ApiError(400, 'INVALID_SCHEDULE', message);
  if (code === 'SCHEDULER_STATE') return new ApiError(409, 'CONFLICT', message);
  if (code === 'INVALID_OPTION') return new ApiError(400, 'BAD_REQUEST', message);
  if (error instanceof RangeError) return new ApiError(400, 'BAD_REQUEST', message);
  return undefined;
}
