import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { TargetWriteError } from './errors.js';

/** A Transform that hashes what flows through it. */
function hashing(hash: ReturnType<typeof createHash>): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
  });
}

/**
 * Streams `source` through gzip into `target` (created with mode 0600, fsynced),
 * hashing the compressed bytes. Returns the SHA-256 (hex) and compressed size.
 */
export async function gzipFile(
  source: string,
  target: string,
  options: { level?: number; signal?: AbortSignal } = {},
): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  const out = createWriteStream(target, { mode: 0o600 });
  await pipeline(
    createReadStream(source, { highWaterMark: 1 << 20 }),
    createGzip({ level: options.level ?? 6, chunkSize: 1 << 16 }),
    hashing(hash),
    out,
    { signal: options.signal },
  );
  await fsyncFile(target);
  return { sha256: hash.digest('hex'), bytes: out.bytesWritten };
}

/** fsyncs a file's data to disk. */
async function fsyncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A file system error opening or writing `target` (zlib errors and reads of the source have no such path/syscall). */
function isWriteError(error: NodeJS.ErrnoException, target: string): boolean {
  if (error.syscall === undefined) return false;
  return error.path === target || (error.path === undefined && error.syscall === 'write');
}

/**
 * Streams gzip file `source` into `target` (mode 0600), hashing the compressed
 * bytes on the way. Rejects on a truncated or corrupt stream.
 */
export async function gunzipFile(source: string, target: string, signal?: AbortSignal): Promise<{ sha256: string }> {
  const hash = createHash('sha256');
  const out = createWriteStream(target, { mode: 0o600 });
  try {
    await pipeline(createReadStream(source, { highWaterMark: 1 << 20 }), hashing(hash), createGunzip(), out, {
      signal,
    });
  } catch (error) {
    // Writing the copy failed (full or read-only temp directory): the backup itself is not at fault.
    if (isWriteError(error as NodeJS.ErrnoException, target)) {
      throw new TargetWriteError(target, error as NodeJS.ErrnoException);
    }
    throw error;
  }
  return { sha256: hash.digest('hex') };
}
