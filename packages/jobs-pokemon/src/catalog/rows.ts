import { hash as oneShotHash } from 'node:crypto';
import type { JsonValue, PokemonCard, PokemonSet } from '../model.js';

/** A set as bound to the catalogue's `sets` columns. */
export interface SetRow {
  id: string;
  name: string;
  series: string;
  printed_total: number | null;
  total: number | null;
  ptcgo_code: string | null;
  release_date: string | null;
  updated_at: string | null;
  legalities: string | null;
  images: string | null;
  extra: string;
  content_hash: string;
}

/** A card as bound to the catalogue's `cards` columns. */
export interface CardRow {
  id: string;
  set_id: string;
  name: string;
  supertype: string;
  number: string;
  subtypes: string | null;
  level: string | null;
  hp: string | null;
  types: string | null;
  evolves_from: string | null;
  evolves_to: string | null;
  rules: string | null;
  ancient_trait: string | null;
  abilities: string | null;
  attacks: string | null;
  weaknesses: string | null;
  resistances: string | null;
  retreat_cost: string | null;
  converted_retreat_cost: number | null;
  artist: string | null;
  rarity: string | null;
  flavor_text: string | null;
  national_pokedex_numbers: string | null;
  legalities: string | null;
  regulation_mark: string | null;
  images: string | null;
  tcgplayer: string | null;
  cardmarket: string | null;
  extra: string;
  content_hash: string;
}

/** Column order of {@link SetRow}, shared by SQLite and PostgreSQL code. */
export const SET_COLUMNS = [
  'id',
  'name',
  'series',
  'printed_total',
  'total',
  'ptcgo_code',
  'release_date',
  'updated_at',
  'legalities',
  'images',
  'extra',
  'content_hash',
] as const satisfies readonly (keyof SetRow)[];

/** Column order of {@link CardRow}, shared by SQLite and PostgreSQL code. */
export const CARD_COLUMNS = [
  'id',
  'set_id',
  'name',
  'supertype',
  'number',
  'subtypes',
  'level',
  'hp',
  'types',
  'evolves_from',
  'evolves_to',
  'rules',
  'ancient_trait',
  'abilities',
  'attacks',
  'weaknesses',
  'resistances',
  'retreat_cost',
  'converted_retreat_cost',
  'artist',
  'rarity',
  'flavor_text',
  'national_pokedex_numbers',
  'legalities',
  'regulation_mark',
  'images',
  'tcgplayer',
  'cardmarket',
  'extra',
  'content_hash',
] as const satisfies readonly (keyof CardRow)[];

/** Columns of `cards` holding JSON text. */
export const CARD_JSON_COLUMNS: ReadonlySet<string> = new Set([
  'subtypes',
  'types',
  'evolves_to',
  'rules',
  'ancient_trait',
  'abilities',
  'attacks',
  'weaknesses',
  'resistances',
  'retreat_cost',
  'national_pokedex_numbers',
  'legalities',
  'images',
  'tcgplayer',
  'cardmarket',
  'extra',
]);

/** Columns of `sets` holding JSON text. */
export const SET_JSON_COLUMNS: ReadonlySet<string> = new Set(['legalities', 'images', 'extra']);

function jsonText(value: JsonValue | null): string | null {
  return value === null ? null : JSON.stringify(value);
}

/** One column value's share of a content hash's input: \u0001-terminated, \u0000 for null. */
const hashPart = (value: string | number | null): string => (value === null ? '\u0000\u0001' : `${value}\u0001`);

// One-shot hashing: about twice as fast as createHash().update().digest() on 20,000 short inputs.
const digest = (input: string): string => oneShotHash('md5', input, 'base64url');

/**
 * Content hash of a row, for change detection only (not security): MD5 over
 * the column values, \u0001-separated, \u0000 for null, so no two different
 * rows share an input. Built by concatenation: a fraction of the cost of
 * map/join + SHA-1 on 20,000 rows.
 */
function hash(row: Record<string, string | number | null>): string {
  let input = '';
  for (const key in row) if (key !== 'content_hash') input += hashPart(row[key]!);
  return digest(input);
}

/**
 * The content hash of a stored row given as its values in {@link SET_COLUMNS}
 * or {@link CARD_COLUMNS} order, `content_hash` left out: the same hash
 * {@link setToRow} / {@link cardToRow} computed when the row was written.
 */
export function contentHashOf(values: readonly unknown[]): string {
  let input = '';
  for (const value of values) input += hashPart(value as string | number | null);
  return digest(input);
}

/** Maps a set to its row, with the content hash of every column. */
export function setToRow(set: PokemonSet): SetRow {
  const row: SetRow = {
    id: set.id,
    name: set.name,
    series: set.series,
    printed_total: set.printedTotal,
    total: set.total,
    ptcgo_code: set.ptcgoCode,
    release_date: set.releaseDate,
    updated_at: set.updatedAt,
    legalities: jsonText(set.legalities),
    images: jsonText(set.images),
    extra: JSON.stringify(set.extra),
    content_hash: '',
  };
  row.content_hash = hash(row as unknown as Record<string, string | number | null>);
  return row;
}

/** Maps a card to its row, with the content hash of every column. */
export function cardToRow(card: PokemonCard): CardRow {
  const row: CardRow = {
    id: card.id,
    set_id: card.setId,
    name: card.name,
    supertype: card.supertype,
    number: card.number,
    subtypes: jsonText(card.subtypes),
    level: card.level,
    hp: card.hp,
    types: jsonText(card.types),
    evolves_from: card.evolvesFrom,
    evolves_to: jsonText(card.evolvesTo),
    rules: jsonText(card.rules),
    ancient_trait: jsonText(card.ancientTrait),
    abilities: jsonText(card.abilities),
    attacks: jsonText(card.attacks),
    weaknesses: jsonText(card.weaknesses),
    resistances: jsonText(card.resistances),
    retreat_cost: jsonText(card.retreatCost),
    converted_retreat_cost: card.convertedRetreatCost,
    artist: card.artist,
    rarity: card.rarity,
    flavor_text: card.flavorText,
    national_pokedex_numbers: jsonText(card.nationalPokedexNumbers),
    legalities: jsonText(card.legalities),
    regulation_mark: card.regulationMark,
    images: jsonText(card.images),
    tcgplayer: jsonText(card.tcgplayer),
    cardmarket: jsonText(card.cardmarket),
    extra: JSON.stringify(card.extra),
    content_hash: '',
  };
  row.content_hash = hash(row as unknown as Record<string, string | number | null>);
  return row;
}
