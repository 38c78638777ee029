/**
 * Rebuilds `data/catalogue.json.br` from a pokemon-tcg-data checkout.
 *
 *   pnpm --filter @pokemon/jobs-pokemon snapshot [dir]   (default: ../../../shared/pokemon-tcg-data)
 *
 * Every record is validated through the same normalisation the jobs use, so a
 * malformed upstream file never makes it into the package.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { directorySource } from '../src/sources/directory.js';
import { encodeSnapshot, type SnapshotDocument } from '../src/sources/snapshot-format.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const dir = resolve(process.argv[2] ?? join(packageDir, '../../../shared/pokemon-tcg-data'));
const out = join(packageDir, 'data/catalogue.json.br');

const source = directorySource(dir);
const sets = await source.listSets(); // validates
const document: SnapshotDocument = {
  format: 1,
  sets: JSON.parse(await readFile(join(dir, 'sets/en.json'), 'utf8')),
  cards: {},
};
let cardCount = 0;
let rawBytes = 0;
for (const set of sets) {
  cardCount += (await source.listCards(set.id)).length; // validates
  const text = await readFile(join(dir, `cards/en/${set.id}.json`), 'utf8');
  rawBytes += text.length;
  document.cards[set.id] = JSON.parse(text);
}
const bytes = encodeSnapshot(document);
await writeFile(`${out}.tmp`, bytes);
await rename(`${out}.tmp`, out);
console.log(
  `${out}: ${sets.length} sets, ${cardCount} cards, ${(bytes.length / 1024).toFixed(0)} KiB ` +
    `(upstream card files ${(rawBytes / 1024 / 1024).toFixed(1)} MiB, compact JSON ${(JSON.stringify(document).length / 1024 / 1024).toFixed(1)} MiB)`,
);
