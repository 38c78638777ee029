import type { PokemonCard, PokemonSet } from '../model.js';

/**
 * Where the catalogue comes from: the bundled snapshot, a local directory in
 * the pokemon-tcg-data layout, or the Pokémon TCG API. Every method is
 * abortable and fails with a `CatalogueDataError` on malformed data.
 */
export interface CardSource {
  /** A short description for logs and results, e.g. `bundled snapshot`. */
  readonly description: string;
  /** Every set the source knows. */
  listSets(signal?: AbortSignal): Promise<PokemonSet[]>;
  /** Every card of one set (may be more than the set's `total`). */
  listCards(setId: string, signal?: AbortSignal): Promise<PokemonCard[]>;
}
