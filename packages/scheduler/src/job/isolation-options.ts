import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { NonRetryableError } from '../core/errors.js';
import {
  integerAtLeast,
  invalidOption,
  isPlainObject,
  literal,
  nonNegativeNumber,
  type OptionSite,
  optionalFunction,
  optionsObject,
} from '../core/validate.js';
import type { JobHandler, JobIsolation } from './types.js';

const ISOLATION_KEYS = ['mode', 'module', 'exportName', 'data', 'memoryLimitMb', 'killGraceMs', 'onMessage'];
const DEFAULT_KILL_GRACE_MS = 5_000;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** @internal Validates `isolation` of a job definition: `undefined` when the job is not isolated. */
export function isolationOptions(site: OptionSite, value: unknown): JobIsolation | undefined {
  if (value === undefined) return undefined;
  if (!isPlainObject(value)) throw invalidOption(site, 'isolation', 'an object `{ mode, module }`', value);
  const raw = optionsObject(site, 'isolation', value, ISOLATION_KEYS);
  const exportName = raw.exportName ?? 'run';
  if (typeof exportName !== 'string' || !IDENTIFIER.test(exportName)) {
    throw invalidOption(site, 'isolation.exportName', 'the name of a function the module exports', exportName);
  }
  return Object.freeze({
    mode: isolationMode(site, raw.mode),
    module: moduleUrl(site, raw.module),
    exportName,
    data: raw.data,
    memoryLimitMb:
      raw.memoryLimitMb === undefined
        ? undefined
        : integerAtLeast(site, 'isolation.memoryLimitMb', raw.memoryLimitMb, 16, 0),
    killGraceMs: nonNegativeNumber(site, 'isolation.killGraceMs', raw.killGraceMs, DEFAULT_KILL_GRACE_MS),
    onMessage: optionalFunction<JobIsolation['onMessage']>(site, 'isolation.onMessage', raw.onMessage),
  });
}

function isolationMode(site: OptionSite, value: unknown): JobIsolation['mode'] {
  if (value === undefined) throw invalidOption(site, 'isolation.mode', '"thread" or "process"', value);
  return literal(site, 'isolation.mode', value, ['thread', 'process'], 'thread');
}

/** A `file:` URL string for the module option: a URL or an absolute path (a relative one has no base to resolve against). */
function moduleUrl(site: OptionSite, value: unknown): string {
  if (value instanceof URL && value.protocol === 'file:') return value.href;
  if (typeof value === 'string' && value.startsWith('file:')) return new URL(value).href;
  if (typeof value === 'string' && path.isAbsolute(value)) return pathToFileURL(value).href;
  throw invalidOption(
    site,
    'isolation.module',
    'a file: URL or an absolute path of the module exporting the job',
    value instanceof URL ? value.href : value,
    "Write `new URL('./my-job.js', import.meta.url)`.",
  );
}

/**
 * @internal The `run` of an isolated job's definition: loads the module and calls its export in the
 * calling thread (the scheduler runs it in a worker instead; this serves callers of `job.run` such as tests).
 */
export function isolatedHandler<TResult>(isolation: JobIsolation): JobHandler<TResult> {
  return async (ctx) => {
    const loaded = (await import(isolation.module)) as Record<string, unknown>;
    const fn = loaded[isolation.exportName];
    if (typeof fn !== 'function') throw missingExport(isolation);
    const from = { job: ctx.job, runId: ctx.runId, attempt: ctx.attempt };
    const port = { post: (message: unknown) => isolation.onMessage?.(structuredClone(message), from) };
    return (await fn(ctx, isolation.data, port)) as TResult;
  };
}

/** @internal The module has no function under the export name: retrying cannot help. */
export function missingExport(isolation: Pick<JobIsolation, 'module' | 'exportName'>): NonRetryableError {
  return new NonRetryableError(
    `Module ${isolation.module} has no function export \`${isolation.exportName}\`. Export the job's body as \`export async function ${isolation.exportName}(ctx, data)\`, or set \`isolation.exportName\`.`,
  );
}
