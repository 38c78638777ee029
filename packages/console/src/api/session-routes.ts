/** Signing in and out: a token in, an HttpOnly, SameSite=Strict session cookie out. */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { type GuardEnv, requirePrincipal } from '../auth/guard.js';
import { sessionCookie, sessionValue } from '../auth/session.js';
import { findToken } from '../auth/tokens.js';
import type { ConsoleContext } from '../context.js';
import { ApiError } from './api-error.js';
import { AUTH_ERRORS, INPUT_ERRORS, json } from './responses.js';
import { SessionSchema, SignInBody } from './schemas.js';

/** Registers `GET/POST/DELETE /api/session`. */
export function registerSessionRoutes(app: OpenAPIHono<GuardEnv>, ctx: ConsoleContext): void {
  const cookiePath = `${ctx.basePath}/`;
  const secure = (url: string): boolean => url.startsWith('https:');

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/session',
      tags: ['session'],
      summary: 'Who is signed in, with which role',
      responses: { 200: json(SessionSchema, 'The caller'), ...AUTH_ERRORS },
    }),
    (c) => {
      const principal = requirePrincipal(c, ctx, 'viewer');
      const expiresAt =
        principal.expiresAtMs === undefined ? {} : { expiresAt: new Date(principal.expiresAtMs).toISOString() };
      return c.json({ name: principal.name, role: principal.role, ...expiresAt }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/session',
      tags: ['session'],
      summary: 'Sign in with a token: sets the session cookie',
      request: { body: { content: { 'application/json': { schema: SignInBody } }, required: true } },
      responses: { 200: json(SessionSchema, 'Signed in'), ...AUTH_ERRORS, ...INPUT_ERRORS },
    }),
    (c) => {
      if (ctx.tokens.length === 0) {
        throw new ApiError(401, 'NO_TOKENS', 'No console token is configured: the API is closed until one is');
      }
      const token = findToken(ctx.tokens, c.req.valid('json').token);
      if (!token) throw new ApiError(401, 'UNAUTHORIZED', 'This token is not one of the configured tokens');
      const expiresAtMs = ctx.now().getTime() + ctx.sessionTtlMs;
      const cookie = sessionCookie(sessionValue(token, expiresAtMs), {
        path: cookiePath,
        maxAgeS: Math.floor(ctx.sessionTtlMs / 1000),
        secure: secure(c.req.url),
      });
      c.header('set-cookie', cookie);
      return c.json({ name: token.name, role: token.role, expiresAt: new Date(expiresAtMs).toISOString() }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/session',
      tags: ['session'],
      summary: 'Sign out: clears the session cookie',
      responses: { 200: json(z.object({ signedOut: z.boolean() }), 'Signed out') },
    }),
    (c) => {
      c.header('set-cookie', sessionCookie('', { path: cookiePath, maxAgeS: 0, secure: secure(c.req.url) }));
      return c.json({ signedOut: true }, 200);
    },
  );
}
