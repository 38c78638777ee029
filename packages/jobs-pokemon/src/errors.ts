import { PermanentJobError } from './failures/permanent-error.js';
import type { SyncCardsResult } from './sync/sync-cards.js';

/**
 * The card source returned data that cannot be imported: bad JSON, a record
 * without a required field, a missing file. Nothing was written. Code
 * `CATALOGUE_DATA_INVALID`; not retried: the same input would fail again.
 */
export class CatalogueDataError extends PermanentJobError {
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
    super('CATALOGUE_DATA_INVALID', `${file}: ${path ? `${path} ` : ''}${problem}`, options);
    this.name = 'CatalogueDataError';
    this.file = file;
    this.path = path;
  }
}

/**
 * A job needs configuration that was not given. The message names the
 * `createPokemonJobs` option (and the runner's environment variable) to set.
 * Code `NOT_CONFIGURED`; not retried.
 */
export class NotConfiguredError extends PermanentJobError {
  /** The missing option, e.g. `primaryDatabaseUrl`. */
  readonly option: string;

  /**
   * @param option - the missing option
   * @param message - what to set
   */
  constructor(option: string, message: string) {
    super('NOT_CONFIGURED', message);
    this.name = 'NotConfiguredError';
    this.option = option;
  }
}

/**
 * `sync-missing-cards` synced every set it could, but left some as they were
 * (listed in `data.failedSets`: a malformed file, a card id used twice, an
 * empty card list for a set that has cards). The message names each one. Code
 * `CATALOGUE_SYNC_FAILED`; not retried: the same files would fail again; fix them and run again.
 */
export class CatalogueSyncError extends PermanentJobError {
  /** The sync's result: what was inserted, and every set that failed. */
  readonly data: SyncCardsResult;

  /** @param result - a result whose `failedSets` is not empty */
  constructor(result: SyncCardsResult) {
    const failed = result.failedSets;
    super(
      'CATALOGUE_SYNC_FAILED',
      `${failed.length} set(s) not synced from ${result.source} (the ${result.setsChecked - failed.length} others were; ${result.cardsInserted} cards inserted): ${failed.map((f) => f.problem).join('; ')}. Fix these and run sync-missing-cards again`,
    );
    this.name = 'CatalogueSyncError';
    this.data = result;
  }
}

/**
 * The catalogue a job reads is missing or has no cards yet (back up or
 * replicate before the first sync). Code `CATALOGUE_NOT_READY`; not retried:
 * run `sync-missing-sets` and `sync-missing-cards` first.
 */
export class CatalogueNotReadyError extends PermanentJobError {
  /** @param message - what is missing and what to run */
  constructor(message: string) {
    super('CATALOGUE_NOT_READY', message);
    this.name = 'CatalogueNotReadyError';
  }
}
