import { countCardsBySet } from '../catalog/card-queries.js';
import type { CatalogDatabase } from '../catalog/open-catalog.js';
import { findStaleHashes } from '../catalog/stale-hashes.js';
import type { CardSource } from '../sources/types.js';
import type { IntegrityFinding, IntegrityReport } from './findings.js';
import { duplicateNumbers, foreignKeyViolations, invalidJson, missingRequired, orphanedCards } from './queries.js';

const finding = (
  result: { count: number; samples: string[] },
  severity: IntegrityFinding['severity'],
  description: string,
): IntegrityFinding => ({ ...result, severity, description });

async function incompleteSets(db: CatalogDatabase, source: CardSource, signal?: AbortSignal) {
  const counts = countCardsBySet(db);
  const sets = db.prepare('SELECT id FROM sets ORDER BY id').pluck().all() as string[];
  const incomplete: string[] = [];
  for (const setId of sets) {
    signal?.throwIfAborted();
    const inSource = (await source.listCards(setId, signal)).length;
    const inCatalogue = counts.get(setId) ?? 0;
    if (inCatalogue < inSource) incomplete.push(`${setId} (${inCatalogue}/${inSource})`);
  }
  return { count: incomplete.length, samples: incomplete.slice(0, 10) };
}

/** Rows whose stored content hash is not the hash of their content: cards by id, sets as `set:<id>`. */
function staleContentHashes(db: CatalogDatabase): { count: number; samples: string[] } {
  const stale = findStaleHashes(db);
  const ids = [...stale.cards.map((r) => r.id).sort(), ...stale.sets.map((r) => `set:${r.id}`).sort()];
  return { count: ids.length, samples: ids.slice(0, 10) };
}

/**
 * Checks the catalogue: orphaned cards, duplicate `(set, number)`, missing
 * required fields, invalid JSON columns, `foreign_key_check`, content hashes
 * that no longer match their row (recomputed), and (with a
 * source) sets holding fewer cards than the source.
 */
export async function validateCatalog(
  db: CatalogDatabase,
  options: { source?: CardSource; signal?: AbortSignal } = {},
): Promise<IntegrityReport> {
  const started = performance.now();
  const read = db.transaction(() => ({
    orphanedCards: finding(orphanedCards(db), 'error', 'cards whose set_id is not in sets'),
    duplicateNumbers: finding(
      duplicateNumbers(db),
      'warning',
      'set/number pairs held by several cards (real sets have a few variants)',
    ),
    missingRequiredFields: finding(
      missingRequired(db),
      'error',
      'rows with an empty id, name, supertype, number or series',
    ),
    invalidJson: finding(invalidJson(db), 'error', 'JSON columns that do not hold valid JSON (id:column)'),
    foreignKeyViolations: finding(foreignKeyViolations(db), 'error', 'PRAGMA foreign_key_check violations'),
    staleContentHashes: finding(
      staleContentHashes(db),
      'error',
      'rows whose content_hash is not the hash of their content, e.g. edited by hand (replicate-to-primary recomputes it and sends the row)',
    ),
    counts: {
      sets: db.prepare('SELECT count(*) FROM sets').pluck().get() as number,
      cards: db.prepare('SELECT count(*) FROM cards').pluck().get() as number,
    },
  }));
  const { counts, ...findings } = read();
  const all: Record<string, IntegrityFinding> = { ...findings };
  if (options.source) {
    all.incompleteSets = finding(
      await incompleteSets(db, options.source, options.signal),
      'error',
      'sets with fewer cards in the catalogue than in the source (run sync-missing-cards)',
    );
  }
  return {
    clean: Object.values(all).every((f) => f.severity !== 'error' || f.count === 0),
    findings: all,
    counts,
    durationMs: Math.round(performance.now() - started),
  };
}
