/** Errors as run history keeps them: anything thrown, turned into JSON-safe data once. */

/** A JSON-safe description of an error, as kept in run history. */
export interface SerializedError {
  /** `error.name`, e.g. `JobTimeoutError`. */
  name: string;
  /** `error.code` when it has one. */
  code?: string;
  /** `error.message`. */
  message: string;
  /** `error.stack` when present. */
  stack?: string;
  /** The serialized `cause`, when present. */
  cause?: SerializedError;
  /**
   * A copy of the error's own `data` property, when it has one: the facts a
   * job attaches to a failure (findings, a report), kept in run history.
   * Must be JSON-serialisable; a value that is not, or whose JSON exceeds
   * 64 KiB, is replaced by a string saying why.
   */
  data?: unknown;
}

/** The largest `data` (as JSON, in UTF-8 bytes) `serializeError` keeps. */
const MAX_ERROR_DATA_BYTES = 64 * 1024;

/**
 * Wraps anything thrown into an `Error` (non-Error throws become an `Error`
 * whose message is their string form).
 */
export function toError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown;
  const error = new Error(`Non-error thrown: ${describeThrown(thrown)}`, { cause: thrown });
  wrappers.add(error);
  return error;
}

/** Errors made by {@link toError}: their `cause` is the thrown value, already in their message. */
const wrappers = new WeakSet<Error>();

/** Turns anything thrown into a {@link SerializedError} (depth-limited causes). */
export function serializeError(thrown: unknown, depth = 0): SerializedError {
  const error = toError(thrown);
  const out: SerializedError = { name: error.name, message: error.message };
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') out.code = String(code);
  if (error.stack) out.stack = error.stack;
  if (error.cause !== undefined && depth < 3 && !wrappers.has(error))
    out.cause = serializeError(error.cause, depth + 1);
  const data = (error as { data?: unknown }).data;
  if (data !== undefined) out.data = copyData(data);
  return out;
}

/** A JSON copy of `data` (no shared references), or a string saying why it was not kept. */
function copyData(data: unknown): unknown {
  let json: string | undefined;
  try {
    json = JSON.stringify(data);
  } catch (error) {
    return `[error data omitted: not JSON-serialisable (${(error as Error).message})]`;
  }
  if (json === undefined) return `[error data omitted: not JSON-serialisable (${typeof data})]`;
  const bytes = Buffer.byteLength(json);
  if (bytes > MAX_ERROR_DATA_BYTES) {
    return `[error data omitted: ${bytes} bytes of JSON, over the ${MAX_ERROR_DATA_BYTES}-byte limit]`;
  }
  return JSON.parse(json);
}

function describeThrown(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
