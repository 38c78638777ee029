/** Validates a PostgreSQL schema name and returns it quoted. */
export function quoteSchema(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new TypeError(`Expected \`primarySchema\` to be a lower-case SQL identifier, got ${JSON.stringify(schema)}`);
  }
  return `"${schema}"`;
}
