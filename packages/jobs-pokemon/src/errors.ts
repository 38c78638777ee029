import { NonRetryableError } from '@pokemon/scheduler';
import type { SyncCardsResult } from './sync/sync-cards.js';

/**
 * The card source returned data that cannot be imported: bad JSON, a record
 * without a required field, a missing file. Nothing was written. Not retried:
 * the same input would fail again.
 */
export class CatalogueDataError extends NonRetryableError {
  /** The file (or URL) that was wrong, e.g. `cards/en/base1.json`. */
  readonly file: string;
  /** Where inside it, e.g. `[12].id`; empty when the whole file is wrong. */
  readonly path: string;

  /**
   * @param file - the file or URL
   * @param path - the JSON path inside it (may be empty)
   * @param problem - what is wrong, e.g. `is missing`
   * @param options - standard `ErrorOptions` (`cause`)
   */
  constructor(file: string, path: string, problem: string, options?: ErrorOptions) {
    super(`${file}: ${path ? `${path} ` : ''}${problem}`, options);
    this.name = 'CatalogueDataError';
    this.file = file;
    this.path = path;
  }
}

/**
 * A job needs configuration that was not given. The message names the
 * `createPokemonJobs` option (and the runner's environment variable) to set.
 */
export class NotConfiguredError extends NonRetryableError {
  /** The missing option, e.g. `primaryDatabaseUrl`. */
  readonly option: string;

  /**
   * @param option - the missing option
   * @param message - what to set
   */
  constructor(option: string, message: string) {
    super(message);
    this.name = 'NotConfiguredError';
    this.option = option;
  }
}

/**
 * `sync-missing-cards` synced every set it could, but left some as they were
 * (listed in `data.failedSets`: a malformed file, a card id used twice, an
 * empty card list for a set that has cards). The message names each one. Not
 * retried: the same files would fail again; fix them and run again.
 */
export class CatalogueSyncError extends NonRetryableError {
  /** The sync's result: what was inserted, and every set that failed. */
  readonly data: SyncCardsResult;

  /** @param result - a result whose `failedSets` is not empty */
  constructor(result: SyncCardsResult) {
    const failed = result.failedSets;
    super(
      `${failed.length} set(s) not synced from ${result.source} (the ${result.setsChecked - failed.length} others were; ${result.cardsInserted} cards inserted): ${failed.map((f) => f.problem).join('; ')}. Fix these and run sync-missing-cards again`,
    );
    this.name = 'CatalogueSyncError';
    this.data = result;
  }
}
