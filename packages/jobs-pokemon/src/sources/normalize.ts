import { CatalogueDataError } from '../errors.js';
import type { JsonObject, JsonValue, PokemonCard, PokemonSet } from '../model.js';

/** Where a record came from, for error messages: the file and its JSON path. */
interface RecordOrigin {
  /** File or URL, e.g. `cards/en/base1.json`. */
  file: string;
  /** JSON path of the record inside it, e.g. `[12]`. */
  path: string;
}

const SET_FIELDS = new Set([
  'id',
  'name',
  'series',
  'printedTotal',
  'total',
  'ptcgoCode',
  'releaseDate',
  'updatedAt',
  'legalities',
  'images',
]);

const CARD_FIELDS = new Set([
  'id',
  'set',
  'name',
  'supertype',
  'number',
  'subtypes',
  'level',
  'hp',
  'types',
  'evolvesFrom',
  'evolvesTo',
  'rules',
  'ancientTrait',
  'abilities',
  'attacks',
  'weaknesses',
  'resistances',
  'retreatCost',
  'convertedRetreatCost',
  'artist',
  'rarity',
  'flavorText',
  'nationalPokedexNumbers',
  'legalities',
  'regulationMark',
  'images',
  'tcgplayer',
  'cardmarket',
]);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireString(raw: Record<string, unknown>, key: string, origin: RecordOrigin): string {
  const value = raw[key];
  if (typeof value === 'number' && key !== 'id') return String(value);
  if (value === undefined || value === null)
    throw new CatalogueDataError(origin.file, `${origin.path}.${key}`, 'is missing');
  if (typeof value !== 'string' || value.trim() === '') {
    throw new CatalogueDataError(
      origin.file,
      `${origin.path}.${key}`,
      `must be a non-empty string, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function optionalString(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : String(value);
}

function optionalInteger(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function json(value: unknown): JsonValue | null {
  return value === undefined ? null : (value as JsonValue);
}

function jsonObject(value: unknown): JsonObject | null {
  return isObject(value) ? (value as JsonObject) : null;
}

/** `1999/01/09` → `1999-01-09`; anything else → null. */
function parseReleaseDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = /^(\d{4})[/-](\d{2})[/-](\d{2})$/.exec(value);
  return match ? `${match[1]}-${match[2]}-${match[3]}` : null;
}

/** `2022/10/10 15:12:00` (UTC upstream) → `2022-10-10T15:12:00.000Z`; anything else → null. */
function parseUpdatedAt(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = /^(\d{4})[/-](\d{2})[/-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value);
  if (!match) return null;
  const date = new Date(`${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}Z`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function extraFields(raw: Record<string, unknown>, known: Set<string>): JsonObject {
  const extra: JsonObject = {};
  for (const key of Object.keys(raw)) if (!known.has(key)) extra[key] = raw[key] as JsonValue;
  return extra;
}

/**
 * Turns one upstream set record into a {@link PokemonSet}.
 *
 * @throws {@link CatalogueDataError} naming the file and path when `id`, `name` or `series` is missing
 */
export function normalizeSet(raw: unknown, origin: RecordOrigin): PokemonSet {
  if (!isObject(raw)) throw new CatalogueDataError(origin.file, origin.path, 'must be an object');
  const extra = extraFields(raw, SET_FIELDS);
  const releaseDate = parseReleaseDate(raw.releaseDate);
  const updatedAt = parseUpdatedAt(raw.updatedAt);
  // Unparsable dates are kept verbatim rather than lost.
  if (releaseDate === null && raw.releaseDate != null) extra.releaseDate = raw.releaseDate as JsonValue;
  if (updatedAt === null && raw.updatedAt != null) extra.updatedAt = raw.updatedAt as JsonValue;
  return {
    id: requireString(raw, 'id', origin),
    name: requireString(raw, 'name', origin),
    series: requireString(raw, 'series', origin),
    printedTotal: optionalInteger(raw.printedTotal),
    total: optionalInteger(raw.total),
    ptcgoCode: optionalString(raw.ptcgoCode),
    releaseDate,
    updatedAt,
    legalities: jsonObject(raw.legalities),
    images: jsonObject(raw.images),
    extra,
  };
}

function cardSetId(raw: Record<string, unknown>, fileSetId: string | undefined, origin: RecordOrigin): string {
  if (fileSetId !== undefined) return fileSetId;
  const set = raw.set;
  if (!isObject(set)) throw new CatalogueDataError(origin.file, `${origin.path}.set`, 'is missing');
  return requireString(set, 'id', { file: origin.file, path: `${origin.path}.set` });
}

/**
 * Turns one upstream card record into a {@link PokemonCard}.
 *
 * @param fileSetId - the set the file belongs to (directory layout); otherwise `raw.set.id` is required
 * @throws {@link CatalogueDataError} naming the file and path when `id`, `set`, `name`, `supertype` or `number` is missing
 */
export function normalizeCard(raw: unknown, origin: RecordOrigin, fileSetId?: string): PokemonCard {
  if (!isObject(raw)) throw new CatalogueDataError(origin.file, origin.path, 'must be an object');
  return {
    id: requireString(raw, 'id', origin),
    setId: cardSetId(raw, fileSetId, origin),
    name: requireString(raw, 'name', origin),
    supertype: requireString(raw, 'supertype', origin),
    number: requireString(raw, 'number', origin),
    subtypes: json(raw.subtypes),
    level: optionalString(raw.level),
    hp: optionalString(raw.hp),
    types: json(raw.types),
    evolvesFrom: optionalString(raw.evolvesFrom),
    evolvesTo: json(raw.evolvesTo),
    rules: json(raw.rules),
    ancientTrait: json(raw.ancientTrait),
    abilities: json(raw.abilities),
    attacks: json(raw.attacks),
    weaknesses: json(raw.weaknesses),
    resistances: json(raw.resistances),
    retreatCost: json(raw.retreatCost),
    convertedRetreatCost: optionalInteger(raw.convertedRetreatCost),
    artist: optionalString(raw.artist),
    rarity: optionalString(raw.rarity),
    flavorText: optionalString(raw.flavorText),
    nationalPokedexNumbers: json(raw.nationalPokedexNumbers),
    legalities: json(raw.legalities),
    regulationMark: optionalString(raw.regulationMark),
    images: json(raw.images),
    tcgplayer: json(raw.tcgplayer),
    cardmarket: json(raw.cardmarket),
    extra: extraFields(raw, CARD_FIELDS),
  };
}

/**
 * Parses `text` as JSON, or throws a {@link CatalogueDataError} naming `file`
 * and the parser's complaint.
 */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CatalogueDataError(file, '', `is not valid JSON (${(error as Error).message})`, { cause: error });
  }
}

/** Asserts `value` is an array (the upstream files are arrays of records). */
export function requireArray(value: unknown, file: string, path = ''): unknown[] {
  if (!Array.isArray(value)) throw new CatalogueDataError(file, path, `must be an array, got ${typeof value}`);
  return value;
}
