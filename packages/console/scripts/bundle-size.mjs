// Prints the console app's size (minified, and gzipped as served) and fails past the budget.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_GZIP_BYTES = 250 * 1024;
const dir = new URL('../dist/web/', import.meta.url);
const files = [];
const walk = (path) => {
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const full = join(path, entry.name);
    if (entry.isDirectory()) walk(full);
    else files.push(full);
  }
};
walk(dir.pathname);
let raw = 0;
let gzip = 0;
for (const file of files) {
  const body = readFileSync(file);
  raw += body.length;
  gzip += gzipSync(body, { level: 9 }).length;
}
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(
  `console app: ${files.length} files, ${kb(raw)} minified, ${kb(gzip)} gzipped (budget ${kb(BUDGET_GZIP_BYTES)})`,
);
if (gzip > BUDGET_GZIP_BYTES) {
  console.error(`console app: ${kb(gzip)} gzipped is over the ${kb(BUDGET_GZIP_BYTES)} budget`);
  process.exit(1);
}
