/** One line naming each invalid field, for a 400 answer. */
import type { z } from '@hono/zod-openapi';

/** `query parameter "limit": Too big: expected number to be <=200; ...` */
export function validationMessage(target: string, error: z.ZodError): string {
  const where = target === 'query' ? 'query parameter' : target === 'param' ? 'path parameter' : `${target} field`;
  return error.issues
    .map((issue) => {
      const path = issue.path.join('.');
      return path === '' ? `${target}: ${issue.message}` : `${where} "${path}": ${issue.message}`;
    })
    .join('; ');
}
