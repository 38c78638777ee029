/** A JSON value, as stored in the catalogue's JSON columns. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/**
 * A Pokémon TCG set, normalised from the upstream data.
 *
 * @remarks
 * Dates are ISO 8601 (`releaseDate` as `YYYY-MM-DD`, `updatedAt` as a UTC instant);
 * a value upstream that does not parse is `null` here and kept verbatim in `extra`.
 */
export interface PokemonSet {
  /** Set id, e.g. `base1`. */
  id: string;
  /** Display name. */
  name: string;
  /** Series, e.g. `Base`. */
  series: string;
  /** Number of cards printed on the cards (`102` of "1/102"). */
  printedTotal: number | null;
  /** Number of cards in the set, secret rares included (the source may still hold more). */
  total: number | null;
  /** Pokémon TCG Online code. */
  ptcgoCode: string | null;
  /** Release date, `YYYY-MM-DD`. */
  releaseDate: string | null;
  /** Last upstream update, ISO 8601 UTC. */
  updatedAt: string | null;
  /** Format legalities (`{ unlimited: 'Legal' }`). */
  legalities: JsonObject | null;
  /** Image URLs (`symbol`, `logo`). */
  images: JsonObject | null;
  /** Fields the model does not know, kept verbatim. */
  extra: JsonObject;
}

/**
 * A Pokémon TCG card, normalised from the upstream data. Nested documented
 * fields are JSON; unknown fields are kept in `extra`.
 */
export interface PokemonCard {
  /** Card id, e.g. `base1-4`. */
  id: string;
  /** Id of the set it belongs to. */
  setId: string;
  /** Card name. */
  name: string;
  /** `Pokémon`, `Trainer` or `Energy`. */
  supertype: string;
  /** Collector number within the set (a string: `TG01`, `15_A1`...). */
  number: string;
  /** Subtypes (`Stage 2`, `Item`...). */
  subtypes: JsonValue | null;
  /** Level (old sets). */
  level: string | null;
  /** Hit points, as a string (upstream sometimes sends a number). */
  hp: string | null;
  /** Energy types. */
  types: JsonValue | null;
  /** Name of the Pokémon it evolves from. */
  evolvesFrom: string | null;
  /** Names it evolves to. */
  evolvesTo: JsonValue | null;
  /** Rule boxes. */
  rules: JsonValue | null;
  /** Ancient trait. */
  ancientTrait: JsonValue | null;
  /** Abilities. */
  abilities: JsonValue | null;
  /** Attacks. */
  attacks: JsonValue | null;
  /** Weaknesses. */
  weaknesses: JsonValue | null;
  /** Resistances. */
  resistances: JsonValue | null;
  /** Retreat cost energies. */
  retreatCost: JsonValue | null;
  /** Number of energies in the retreat cost. */
  convertedRetreatCost: number | null;
  /** Illustrator. */
  artist: string | null;
  /** Rarity. */
  rarity: string | null;
  /** Flavour text. */
  flavorText: string | null;
  /** National Pokédex numbers. */
  nationalPokedexNumbers: JsonValue | null;
  /** Format legalities. */
  legalities: JsonValue | null;
  /** Regulation mark (`D`, `E`...). */
  regulationMark: string | null;
  /** Image URLs. */
  images: JsonValue | null;
  /** TCGplayer prices (API only). */
  tcgplayer: JsonValue | null;
  /** Cardmarket prices (API only). */
  cardmarket: JsonValue | null;
  /** Fields the model does not know, kept verbatim. */
  extra: JsonObject;
}
