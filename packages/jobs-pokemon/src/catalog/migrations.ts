/**
 * Versioned schema of the catalogue. Migration N brings `PRAGMA user_version`
 * from N-1 to N; applied in order, each in its own transaction. Append only.
 */
export const CATALOG_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE sets (
    id             TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    series         TEXT NOT NULL,
    printed_total  INTEGER,
    total          INTEGER,
    ptcgo_code     TEXT,
    release_date   TEXT,            -- YYYY-MM-DD
    updated_at     TEXT,            -- ISO 8601 UTC, upstream's updatedAt
    legalities     TEXT,            -- JSON object
    images         TEXT,            -- JSON object
    extra          TEXT NOT NULL DEFAULT '{}', -- JSON object: unknown upstream fields
    content_hash   TEXT NOT NULL,
    synced_at      TEXT NOT NULL
  ) STRICT;
  CREATE INDEX sets_series ON sets (series);
  CREATE INDEX sets_release_date ON sets (release_date);

  CREATE TABLE cards (
    id                        TEXT PRIMARY KEY,
    set_id                    TEXT NOT NULL REFERENCES sets (id) ON UPDATE CASCADE ON DELETE RESTRICT,
    name                      TEXT NOT NULL,
    supertype                 TEXT NOT NULL,
    number                    TEXT NOT NULL,
    subtypes                  TEXT, -- JSON
    level                     TEXT,
    hp                        TEXT,
    types                     TEXT, -- JSON
    evolves_from              TEXT,
    evolves_to                TEXT, -- JSON
    rules                     TEXT, -- JSON
    ancient_trait             TEXT, -- JSON
    abilities                 TEXT, -- JSON
    attacks                   TEXT, -- JSON
    weaknesses                TEXT, -- JSON
    resistances               TEXT, -- JSON
    retreat_cost              TEXT, -- JSON
    converted_retreat_cost    INTEGER,
    artist                    TEXT,
    rarity                    TEXT,
    flavor_text               TEXT,
    national_pokedex_numbers  TEXT, -- JSON
    legalities                TEXT, -- JSON
    regulation_mark           TEXT,
    images                    TEXT, -- JSON
    tcgplayer                 TEXT, -- JSON
    cardmarket                TEXT, -- JSON
    extra                     TEXT NOT NULL DEFAULT '{}', -- JSON object: unknown upstream fields
    content_hash              TEXT NOT NULL,
    synced_at                 TEXT NOT NULL
  ) STRICT;
  CREATE INDEX cards_set_number ON cards (set_id, number);
  CREATE INDEX cards_name ON cards (name);
  CREATE INDEX cards_supertype ON cards (supertype);
  CREATE INDEX cards_rarity ON cards (rarity);
  `,
  // 2: covering index for replication's per-set digests (set, id, hash read in order, no sort, no table lookup).
  `
  CREATE INDEX cards_set_id_hash ON cards (set_id, id, content_hash);
  `,
  // 3: an UPDATE that leaves content_hash as it was (a manual edit) empties it: the hash is stale,
  // and replication recomputes it before comparing, so the edit reaches the primary.
  ['sets', 'cards']
    .map(
      (table) => `
  CREATE TRIGGER ${table}_content_edited AFTER UPDATE ON ${table}
  WHEN NEW.content_hash IS OLD.content_hash AND NEW.content_hash <> ''
  BEGIN
    UPDATE ${table} SET content_hash = '' WHERE id = NEW.id;
  END;`,
    )
    .join('\n'),
];
