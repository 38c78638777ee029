// biome-ignore-all assist/source/organizeImports: the curated public surface is grouped by concern, not sorted
/**
 * `@pokemon/console`: a web console for `@pokemon/scheduler`, mountable in any service as one
 * web-standard `Request → Response` handler: the JSON API (with its OpenAPI document), live
 * Server-Sent Events and the single-page app. `@pokemon/console/node` adapts it to `node:http`.
 *
 * @packageDocumentation
 */
export { createConsole } from './create-console.js';
export type { ConsoleHandler } from './create-console.js';
export type { ConsoleInstance, ConsoleOptions } from './options.js';
export { generateTokenSecret, hashToken, parseTokens } from './auth/tokens.js';
export type { ConsoleToken } from './auth/tokens.js';
export { CONSOLE_ROLES } from './auth/roles.js';
export type { ConsoleRole } from './auth/roles.js';
export type { ConsoleErrorCode } from './api/api-error.js';
export { ConsoleConfigError } from './errors.js';
