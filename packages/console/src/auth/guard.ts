/**
 * Who is asking, and may they: a bearer token or the session cookie identifies the caller;
 * state-changing requests must come from the console's own origin; each route names the
 * least role it needs.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { ApiError } from '../api/api-error.js';
import type { ConsoleContext } from '../context.js';
import { type ConsoleRole, roleAllows } from './roles.js';
import { SESSION_COOKIE, verifySession } from './session.js';
import { findToken } from './tokens.js';

/** The signed-in caller. */
export interface Principal {
  name: string;
  role: ConsoleRole;
  /** `bearer`: an `Authorization` header (a script); `session`: the console's cookie. */
  via: 'bearer' | 'session';
  /** When the session ends (sessions only). */
  expiresAtMs?: number;
}

/** @internal Hono variables set by the guard. */
export interface GuardVariables {
  principal: Principal | undefined;
}

/** @internal */
export type GuardEnv = { Variables: GuardVariables };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function bearerSecret(c: Context): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
  return match?.[1];
}

/** Identifies the caller (never fails: routes decide with {@link requireRole}). */
export function identify(ctx: ConsoleContext): MiddlewareHandler<GuardEnv> {
  return async (c, next) => {
    const secret = bearerSecret(c);
    let principal: Principal | undefined;
    if (secret !== undefined) {
      const token = findToken(ctx.tokens, secret);
      if (token) principal = { name: token.name, role: token.role, via: 'bearer' };
    } else {
      const cookie = getCookie(c, SESSION_COOKIE);
      const session = cookie ? verifySession(ctx.tokens, cookie, ctx.now().getTime()) : undefined;
      if (session) {
        principal = {
          name: session.token.name,
          role: session.token.role,
          via: 'session',
          expiresAtMs: session.expiresAtMs,
        };
      }
    }
    c.set('principal', principal);
    await next();
  };
}

/**
 * Refuses a state-changing request whose `Origin` is neither the console's own nor an allowed
 * one. Without an `Origin` header only a bearer-token request (not a browser's) passes.
 */
export function checkOrigin(ctx: ConsoleContext): MiddlewareHandler<GuardEnv> {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    // Without any credential (and not signing in) the route answers 401 whatever the origin.
    const credentials = bearerSecret(c) !== undefined || getCookie(c, SESSION_COOKIE) !== undefined;
    if (!credentials && !c.req.path.endsWith('/api/session')) return next();
    const origin = c.req.header('origin');
    if (origin === undefined) {
      if (bearerSecret(c) !== undefined) return next();
      throw new ApiError(403, 'ORIGIN_REFUSED', 'State-changing requests need an Origin header (or a bearer token)');
    }
    const own = new URL(c.req.url).origin;
    if (origin !== own && !ctx.allowedOrigins.includes(origin)) {
      throw new ApiError(
        403,
        'ORIGIN_REFUSED',
        `Requests from origin ${JSON.stringify(origin)} are refused; add it to allowedOrigins if it is yours`,
      );
    }
    return next();
  };
}

/** The caller, who must hold at least `role`. */
export function requirePrincipal(c: Context<GuardEnv>, ctx: ConsoleContext, role: ConsoleRole): Principal {
  if (ctx.tokens.length === 0) {
    throw new ApiError(401, 'NO_TOKENS', 'No console token is configured: the API is closed until one is');
  }
  const principal = c.get('principal');
  if (!principal)
    throw new ApiError(401, 'UNAUTHORIZED', 'Sign in with a token, or send Authorization: Bearer <token>');
  if (!roleAllows(principal.role, role)) {
    throw new ApiError(403, 'FORBIDDEN', `The ${principal.role} role cannot do this; it needs ${role}`);
  }
  return principal;
}

/** Middleware form of {@link requirePrincipal}. */
export function requireRole(ctx: ConsoleContext, role: ConsoleRole): MiddlewareHandler<GuardEnv> {
  return async (c, next) => {
    requirePrincipal(c, ctx, role);
    await next();
  };
}
