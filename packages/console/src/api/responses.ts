/** OpenAPI response entries shared by the routes. */
import type { z } from '@hono/zod-openapi';
import { ErrorBody } from './schemas.js';

/** A JSON response of `schema`. */
export function json<T extends z.ZodType>(schema: T, description: string) {
  return { content: { 'application/json': { schema } }, description };
}

const error = (description: string) => json(ErrorBody, description);

/** The errors every authenticated route can answer. */
export const AUTH_ERRORS = {
  401: error('No valid token or session (`UNAUTHORIZED`), or no token configured (`NO_TOKENS`)'),
  403: error('The role does not allow it (`FORBIDDEN`), or another origin (`ORIGIN_REFUSED`)'),
} as const;

/** Errors of a route with validated input. */
export const INPUT_ERRORS = { 400: error('A parameter or the body is invalid (`BAD_REQUEST`)') } as const;

/** 404 of a route naming a job or run. */
export const NOT_FOUND = { 404: error('No such job (`UNKNOWN_JOB`) or run (`UNKNOWN_RUN`)') } as const;
