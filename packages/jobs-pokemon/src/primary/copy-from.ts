import type pg from 'pg';

/** The parts of pg's internal connection a COPY FROM STDIN needs. */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

/** Escapes one value for COPY's text format (`\N` is NULL). */
function copyText(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  return String(value).replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/** Encodes rows as COPY text-format lines, in chunks of about `chunkBytes`. */
function* copyChunks(rows: readonly unknown[][], chunkBytes = 1 << 20): Generator<Buffer> {
  let lines: string[] = [];
  let size = 0;
  for (const row of rows) {
    const line = `${row.map(copyText).join('\t')}\n`;
    lines.push(line);
    size += line.length;
    if (size >= chunkBytes) {
      yield Buffer.from(lines.join(''));
      lines = [];
      size = 0;
    }
  }
  if (lines.length > 0) yield Buffer.from(lines.join(''));
}

/**
 * `COPY <table> (<columns>) FROM STDIN` through pg's protocol support (pg
 * exposes the copy sub-protocol to submittables; no pg-copy-streams needed).
 * Resolves with the number of rows copied.
 */
export function copyFrom(
  client: pg.ClientBase,
  table: string,
  columns: readonly string[],
  rows: readonly unknown[][],
): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let rowCount = 0;
    const submittable = {
      submit(connection: CopyConnection) {
        connection.query(`COPY ${table} (${columns.join(', ')}) FROM STDIN`);
      },
      handleCopyInResponse(connection: CopyConnection) {
        for (const chunk of copyChunks(rows)) connection.sendCopyFromChunk(chunk);
        connection.endCopyFrom();
      },
      handleCommandComplete(message: { text: string }) {
        rowCount = Number(message.text.split(' ')[1] ?? 0);
      },
      handleReadyForQuery() {
        resolve(rowCount);
      },
      handleError(error: Error) {
        reject(error);
      },
      handleRowDescription() {},
      handleDataRow() {},
      handlePortalSuspended() {},
      handleEmptyQuery() {},
    };
    (client as unknown as { query(submittable: unknown): void }).query(submittable);
  });
}
