import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';

/**
 * The bundled snapshot: the upstream records, verbatim, in one compact JSON
 * document compressed with Brotli. Normalisation happens on load, exactly as
 * for the other sources.
 */
export interface SnapshotDocument {
  /** Format version. */
  format: 1;
  /** Upstream set records. */
  sets: unknown[];
  /** Upstream card records by set id. */
  cards: Record<string, unknown[]>;
}

/** Encodes a snapshot (max Brotli quality: built once, read often). */
export function encodeSnapshot(document: SnapshotDocument): Buffer {
  return brotliCompressSync(Buffer.from(JSON.stringify(document)), {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_LGWIN]: 24,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
    },
  });
}

/** Decodes a snapshot file's bytes. */
export function decodeSnapshot(bytes: Buffer): unknown {
  return JSON.parse(brotliDecompressSync(bytes).toString('utf8'));
}
