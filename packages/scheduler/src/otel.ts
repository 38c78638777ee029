/**
 * `@pokemon/scheduler/otel`: traces and metrics of every run through OpenTelemetry. Needs the
 * optional peer dependency `@opentelemetry/api`; the other entry points never load it.
 *
 * @example
 * ```ts
 * import { createScheduler } from '@pokemon/scheduler';
 * import { openTelemetry } from '@pokemon/scheduler/otel';
 *
 * // after registering an OpenTelemetry SDK (tracer and meter providers)
 * const scheduler = createScheduler({ jobs, store, observers: [openTelemetry()] });
 * ```
 *
 * @packageDocumentation
 */

export { ATTR } from './otel/attributes.js';
export type { OpenTelemetryOptions } from './otel/open-telemetry.js';
export { openTelemetry } from './otel/open-telemetry.js';
