import { type Clock, isRetryable, nonRetryable, retry, systemClock, withTimeout } from '@pokemon/scheduler';
import { CatalogueDataError } from '../errors.js';
import type { PokemonCard, PokemonSet } from '../model.js';
import { describeNetworkError, safeUrl } from './network-cause.js';
import { normalizeCard, normalizeSet, requireArray } from './normalize.js';
import type { CardSource } from './types.js';

/** Options of {@link apiSource}. */
export interface ApiSourceOptions {
  /** API root. @default 'https://api.pokemontcg.io' */
  baseUrl?: string;
  /** Sent as `X-Api-Key` when set (raises the rate limit). Never logged. */
  apiKey?: string;
  /** Records per page (the API allows up to 250). @default 250 */
  pageSize?: number;
  /** Per-request time limit, ms. @default 30000 */
  requestTimeoutMs?: number;
  /** Attempts per request on 429 / 5xx / network errors, first included. @default 5 */
  attempts?: number;
  /** First retry delay (doubled each time, capped by `maxDelayMs`) when no `Retry-After` is sent, ms. @default 1000 */
  initialDelayMs?: number;
  /** Upper bound of a retry delay, `Retry-After` included, ms. @default 60000 */
  maxDelayMs?: number;
  /** `fetch` implementation. @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
  /** Clock for retry delays and timeouts. @default systemClock */
  clock?: Clock;
}

/** An HTTP request to the card API failed for good (after retries, or a status that retrying cannot fix). */
export class CardApiError extends Error {
  /** HTTP status, or `undefined` for a network error / timeout. */
  readonly status: number | undefined;
  /** The URL requested (without the key, which is a header, nor any credentials). */
  readonly url: string;

  /**
   * @param url - the URL
   * @param status - HTTP status, if any
   * @param message - what happened
   * @param options - `cause`
   */
  constructor(url: string, status: number | undefined, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CardApiError';
    this.url = url;
    this.status = status;
  }
}

interface Envelope {
  data: unknown[];
  totalCount: number | undefined;
}

/** Parses `Retry-After` (seconds or an HTTP date) into ms, or undefined. */
export function retryAfterMs(header: string | null, nowMs: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

const isRetryableStatus = (status: number): boolean => status === 429 || status === 408 || status >= 500;

/**
 * The Pokémon TCG API v2 (`/v2/sets`, `/v2/cards?q=set.id:<id>`), paged, with
 * the `X-Api-Key` header, a per-request timeout, and retries with exponential
 * backoff on 429 / 5xx / network errors honouring `Retry-After`.
 */
export function apiSource(options: ApiSourceOptions = {}): CardSource {
  const baseUrl = (options.baseUrl ?? 'https://api.pokemontcg.io').replace(/\/+$/, '');
  const pageSize = options.pageSize ?? 250;
  const clock = options.clock ?? systemClock;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const attempts = options.attempts ?? 5;
  const initialDelayMs = options.initialDelayMs ?? 1000;
  const maxDelayMs = options.maxDelayMs ?? 60_000;
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.apiKey) headers['x-api-key'] = options.apiKey;

  /** The `Retry-After` the API sent with a failed answer, by error. */
  const retryAfterByError = new WeakMap<Error, number>();

  async function requestOnce(url: string, signal: AbortSignal): Promise<Response> {
    const shown = safeUrl(url);
    const timedOut = (): CardApiError =>
      new CardApiError(shown, undefined, `${shown}: timed out: no response within ${timeoutMs} ms`);
    return withTimeout(
      async (timed) => {
        const response = await fetchImpl(url, { headers, signal: timed });
        // Read the body under the same timeout.
        const body = await response.arrayBuffer();
        return new Response(body, { status: response.status, headers: response.headers });
      },
      timeoutMs,
      { clock, signal, reason: timedOut },
    );
  }

  async function attemptPage(url: string, signal: AbortSignal): Promise<Envelope> {
    const shown = safeUrl(url);
    let response: Response;
    try {
      response = await requestOnce(url, signal);
    } catch (error) {
      if (signal.aborted || !isRetryable(error)) throw error;
      throw networkFailure(shown, error);
    }
    if (response.ok) return parseEnvelope(shown, await response.text());
    const message = `${shown}: HTTP ${response.status}`;
    if (!isRetryableStatus(response.status)) {
      const hint = response.status === 401 || response.status === 403 ? ' (check POKEMONTCG_API_KEY)' : '';
      throw nonRetryable(new CardApiError(shown, response.status, `${message}${hint}`));
    }
    const error = new CardApiError(shown, response.status, message);
    const asked = retryAfterMs(response.headers.get('retry-after'), clock.now());
    if (asked !== undefined) retryAfterByError.set(error, Math.min(maxDelayMs, asked));
    return Promise.reject(error);
  }

  async function getPage(url: string, signal: AbortSignal | undefined): Promise<Envelope> {
    try {
      return await retry((_attempt, attemptSignal) => attemptPage(url, attemptSignal), {
        attempts,
        initialDelayMs: Math.min(initialDelayMs, maxDelayMs),
        maxDelayMs,
        jitter: false,
        clock,
        signal,
        retryAfterMs: (error) => retryAfterByError.get(error),
      });
    } catch (error) {
      if (signal?.aborted || !isRetryable(error)) throw error;
      throw exhausted(safeUrl(url), attempts, error);
    }
  }

  async function getAll(
    path: string,
    query: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<{ url: string; records: unknown[] }[]> {
    const pages: { url: string; records: unknown[] }[] = [];
    let seen = 0;
    for (let page = 1; ; page++) {
      const params = new URLSearchParams({ ...query, page: String(page), pageSize: String(pageSize) });
      const url = `${baseUrl}${path}?${params}`;
      const envelope = await getPage(url, signal);
      pages.push({ url, records: envelope.data });
      seen += envelope.data.length;
      const total = envelope.totalCount;
      if (envelope.data.length === 0 || (total !== undefined ? seen >= total : envelope.data.length < pageSize)) break;
    }
    return pages;
  }

  return {
    description: `Pokémon TCG API ${baseUrl}`,
    async listSets(signal?: AbortSignal): Promise<PokemonSet[]> {
      const pages = await getAll('/v2/sets', { orderBy: 'releaseDate' }, signal);
      return pages.flatMap(({ url, records }) =>
        records.map((record, index) => normalizeSet(record, { file: url, path: `data[${index}]` })),
      );
    },
    async listCards(setId: string, signal?: AbortSignal): Promise<PokemonCard[]> {
      const pages = await getAll('/v2/cards', { q: `set.id:${setId}` }, signal);
      return pages.flatMap(({ url, records }) =>
        records.map((record, index) => normalizeCard(record, { file: url, path: `data[${index}]` })),
      );
    },
  };
}

/** The error of a page that failed every attempt, the last attempt's error as its cause. */
function exhausted(shown: string, attempts: number, lastError: unknown): CardApiError {
  const last = lastError instanceof CardApiError ? lastError : undefined;
  const detail = last?.message.replace(`${shown}: `, '') ?? 'no answer';
  const hint = last?.status === undefined ? '. Check POKEMONTCG_API_URL and that the API is reachable from here.' : '';
  return new CardApiError(shown, last?.status, `${shown}: failed after ${attempts} attempts: ${detail}${hint}`, {
    cause: lastError,
  });
}

/** A request that got no HTTP answer: refused, reset, timed out, DNS failure. */
function networkFailure(shown: string, error: unknown): CardApiError {
  if (error instanceof CardApiError) return error;
  return new CardApiError(shown, undefined, `${shown}: ${describeNetworkError(error)}`, { cause: error });
}

function parseEnvelope(url: string, text: string): Envelope {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new CatalogueDataError(url, '', `is not valid JSON (${(error as Error).message})`, { cause: error });
  }
  if (typeof body !== 'object' || body === null) throw new CatalogueDataError(url, '', 'must be a JSON object');
  const envelope = body as { data?: unknown; totalCount?: unknown };
  const data = requireArray(envelope.data, url, 'data');
  return { data, totalCount: typeof envelope.totalCount === 'number' ? envelope.totalCount : undefined };
}
