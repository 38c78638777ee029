/** A JSON body that may be absent (an empty body is `{}`), validated by `schema`. */
import type { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ApiError } from './api-error.js';
import { validationMessage } from './validation-message.js';

/** @internal */
export async function optionalJson<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  const text = await c.req.text();
  let raw: unknown = {};
  if (text.trim() !== '') {
    try {
      raw = JSON.parse(text);
    } catch {
      throw new ApiError(400, 'BAD_REQUEST', 'The body is not JSON');
    }
  }
  const result = schema.safeParse(raw);
  if (!result.success) throw new ApiError(400, 'BAD_REQUEST', validationMessage('body', result.error));
  return result.data;
}
