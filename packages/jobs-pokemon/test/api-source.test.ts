import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type Clock, isRetryable, systemClock } from '@pokemon/scheduler';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPokemonJobs } from '../src/create-jobs.js';
import { apiSource, CardApiError, retryAfterMs } from '../src/sources/api.js';
import { makeContext } from './helpers/context.js';
import { FIXTURE_CARD_COUNT, FIXTURE_CARDS, FIXTURE_DIR, FIXTURE_SETS, tempDir } from './helpers/files.js';

const API_KEY = 'test-key-123';
const sets = JSON.parse(readFileSync(join(FIXTURE_DIR, 'sets/en.json'), 'utf8')) as {
  id: string;
  name: string;
  series: string;
}[];
const cardsOf = (setId: string): Record<string, unknown>[] => {
  const set = sets.find((s) => s.id === setId)!;
  // The API embeds the set in each card; the directory layout does not.
  return (
    JSON.parse(readFileSync(join(FIXTURE_DIR, `cards/en/${setId}.json`), 'utf8')) as Record<string, unknown>[]
  ).map((card) => ({ ...card, set: { id: set.id, name: set.name, series: set.series } }));
};

/** Scripted failures: the next requests matching a path answer these statuses first. */
let failures: { status: number; retryAfter?: string; hang?: boolean }[] = [];
let requests: { url: string; key: string | undefined }[] = [];

function envelope(res: ServerResponse, all: unknown[], page: number, pageSize: number): void {
  const data = all.slice((page - 1) * pageSize, page * pageSize);
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ data, page, pageSize, count: data.length, totalCount: all.length }));
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url!, 'http://localhost');
  requests.push({ url: url.pathname + url.search, key: req.headers['x-api-key'] as string | undefined });
  if (req.headers['x-api-key'] !== API_KEY) {
    res.writeHead(401).end('{"error":"unauthorized"}');
    return;
  }
  const failure = failures.shift();
  if (failure?.hang) return; // never answers
  if (failure) {
    res.writeHead(failure.status, failure.retryAfter ? { 'retry-after': failure.retryAfter } : {}).end('{}');
    return;
  }
  const page = Number(url.searchParams.get('page') ?? 1);
  const pageSize = Number(url.searchParams.get('pageSize') ?? 250);
  if (url.pathname === '/v2/sets') {
    envelope(res, sets, page, pageSize);
    return;
  }
  if (url.pathname === '/v2/cards') {
    const setId = /^set\.id:(.+)$/.exec(url.searchParams.get('q') ?? '')?.[1] ?? '';
    if (setId === 'broken') {
      res.writeHead(200).end('{"data": [');
      return;
    }
    envelope(res, sets.some((s) => s.id === setId) ? cardsOf(setId) : [], page, pageSize);
    return;
  }
  res.writeHead(404).end();
}

/** Real timers, but every retry delay is recorded and shortened to 1 ms. */
function recordingClock(delays: number[]): Clock {
  return {
    now: () => Date.now(),
    setTimeout: (callback, delayMs) => {
      if (delayMs < 10_000) delays.push(delayMs); // request timeouts are 30 s: not retry delays
      return globalThis.setTimeout(callback, delayMs < 10_000 ? 1 : delayMs);
    },
    clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
  };
}

describe('apiSource against a local HTTP server', () => {
  let server: Server;
  let baseUrl: string;
  let delays: number[];

  beforeAll(async () => {
    server = createServer(handle);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    failures = [];
    requests = [];
    delays = [];
  });

  const source = (extra: Parameters<typeof apiSource>[0] = {}) =>
    apiSource({ baseUrl, apiKey: API_KEY, pageSize: 7, initialDelayMs: 200, clock: recordingClock(delays), ...extra });

  it('pages through sets and cards with the API key header', async () => {
    const listed = await source().listSets();
    expect(listed.map((s) => s.id).sort()).toEqual([...FIXTURE_SETS].sort());
    const cards = await source().listCards('mep');
    expect(cards).toHaveLength(FIXTURE_CARDS.mep!);
    expect(cards.every((c) => c.setId === 'mep')).toBe(true);
    expect(new Set(cards.map((c) => c.id)).size).toBe(cards.length);
    expect(requests.filter((r) => r.url.startsWith('/v2/cards'))).toHaveLength(Math.ceil(FIXTURE_CARDS.mep! / 7));
    expect(requests.every((r) => r.key === API_KEY)).toBe(true);
    expect(requests.at(-1)!.url).toContain('q=set.id%3Amep');
  });

  it('retries a 429 after the Retry-After delay', async () => {
    failures = [{ status: 429, retryAfter: '3' }];
    expect(await source().listCards('si1')).toHaveLength(FIXTURE_CARDS.si1!);
    expect(delays).toEqual([3000]);
  });

  it('caps a Retry-After at maxDelayMs', async () => {
    failures = [{ status: 429, retryAfter: '120' }];
    expect(await source({ maxDelayMs: 5_000 }).listCards('si1')).toHaveLength(FIXTURE_CARDS.si1!);
    expect(delays).toEqual([5_000]);
  });

  it('never arms a timer past setTimeout’s 2^31-1 ms limit, even for a longer requestTimeoutMs', async () => {
    const armed: number[] = [];
    const clock: Clock = {
      ...systemClock,
      setTimeout: (callback, delayMs) => {
        armed.push(delayMs);
        return systemClock.setTimeout(callback, delayMs);
      },
    };
    const listed = await source({ requestTimeoutMs: 2 ** 32, clock }).listSets();
    expect(listed.length).toBeGreaterThan(0);
    expect(armed.length).toBeGreaterThan(0);
    expect(Math.max(...armed)).toBeLessThanOrEqual(2 ** 31 - 1);
  });

  it('retries a 503 with exponential backoff', async () => {
    failures = [{ status: 503 }, { status: 502 }];
    expect(await source().listCards('tk1a')).toHaveLength(FIXTURE_CARDS.tk1a!);
    expect(delays).toEqual([200, 400]);
  });

  it('gives up after the configured attempts with the URL and status', async () => {
    failures = [{ status: 500 }, { status: 500 }, { status: 500 }];
    const error = await source({ attempts: 3 })
      .listCards('si1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CardApiError);
    expect((error as CardApiError).status).toBe(500);
    expect((error as Error).message).toMatch(/\/v2\/cards\?q=set\.id%3Asi1.*failed after 3 attempts: .*HTTP 500/);
  });

  it('does not retry a rejected API key', async () => {
    const error = await apiSource({ baseUrl, apiKey: 'wrong', clock: recordingClock(delays) })
      .listSets()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CardApiError);
    expect(error).toMatchObject({ status: 401, retryable: false });
    expect(isRetryable(error)).toBe(false);
    expect((error as Error).message).toMatch(/HTTP 401 \(check POKEMONTCG_API_KEY\)/);
    expect(requests).toHaveLength(1);
  });

  it('times out a request that never answers, then retries', async () => {
    failures = [{ status: 0, hang: true }];
    const cards = await apiSource({
      baseUrl,
      apiKey: API_KEY,
      requestTimeoutMs: 50,
      initialDelayMs: 1,
      clock: systemClock,
    }).listCards('si1');
    expect(cards).toHaveLength(FIXTURE_CARDS.si1!);
    expect(requests).toHaveLength(2);
  });

  it('stops at once when its signal aborts', async () => {
    failures = [{ status: 0, hang: true }];
    const controller = new AbortController();
    const pending = source().listSets(controller.signal);
    setTimeout(() => controller.abort(new Error('shutdown')), 20);
    await expect(pending).rejects.toThrow('shutdown');
  });

  it('reports malformed JSON with the URL', async () => {
    await expect(source().listCards('broken')).rejects.toThrow(/\/v2\/cards\?q=set\.id%3Abroken.*: is not valid JSON/);
  });

  it('feeds the sync jobs end to end', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const jobs = createPokemonJobs({ catalogPath: join(dir, 'c.sqlite3'), source: source() });
      const run = (name: string) => jobs.find((j) => j.name === name)!.run(makeContext());
      expect(await run('sync-missing-sets')).toMatchObject({ inserted: FIXTURE_SETS.length });
      expect(await run('sync-missing-cards')).toMatchObject({ cardsInserted: FIXTURE_CARD_COUNT });
      expect(await run('sync-missing-cards')).toMatchObject({ cardsInserted: 0 });
    } finally {
      cleanup();
    }
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs('2', 0)).toBe(2000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(retryAfterMs('soon', 0)).toBeUndefined();
  });
});
