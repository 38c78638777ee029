/**
 * (c) Claims per second with four instances (four stores, one connection
 * each) contending for the same slots on PostgreSQL, claimed as the scheduler
 * claims a slot at its own time (`inspectHolder: false`); every slot must have
 * exactly one winner. The floor: four connections racing a bare
 * INSERT … ON CONFLICT DO NOTHING into a table of the same shape (same
 * indexes), which learns nothing about the holder when it loses. Rounds
 * alternate store and raw, taking turns at going first
 * (BENCH_CLAIM_ROUNDS, default 5); the figures are the best round of each,
 * with the range of the per-round ratios beside them.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createPostgresStore } from '../src/postgres.js';
import type { Store } from '../src/store/types.js';
import { perSecond } from './store-stats.js';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const INSTANCES = 4;
const ROUNDS = Number(process.env.BENCH_CLAIM_ROUNDS ?? 5);

/** Slots/s and correctness of a contended claim race. */
export interface ClaimFigures {
  slots: number;
  store: number;
  raw: number;
  /** Store / raw of each round (the two ran back to back). */
  roundRatios: number[];
  duplicates: number;
  lost: number;
}

/** Four stores race for slots `[first, first + slots)`; returns elapsed ms and how many claims each slot won. */
async function storeRound(
  stores: Store[],
  first: number,
  slots: number,
  winners: Map<number, number>,
): Promise<number> {
  const start = performance.now();
  await Promise.all(
    stores.map(async (store, instance) => {
      for (let i = first; i < first + slots; i++) {
        const slot = new Date(T0 + i * 1000);
        const result = await store.claimRun({
          id: randomUUID(),
          job: 'contended',
          scheduledFor: slot,
          claimKey: slot.toISOString(),
          trigger: 'schedule',
          instanceId: `instance-${instance}`,
          leaseMs: 60_000,
          // As the scheduler claims a slot at its own time: the loser does not read the holder.
          inspectHolder: false,
        });
        if (result.claimed) winners.set(i, (winners.get(i) ?? 0) + 1);
      }
    }),
  );
  return performance.now() - start;
}

/** Four connections race a bare INSERT … ON CONFLICT for the same slots. */
async function rawRound(clients: pg.PoolClient[], schema: string, first: number, slots: number): Promise<number> {
  const text = `INSERT INTO ${schema}.runs (id, job, scheduled_for, claim_key, run_trigger, status, created_at, instance_id,
      lease_expires_at, heartbeat_at)
    VALUES ($1, 'contended', $2, $3, 'schedule', 'running', now(), 'raw', now() + interval '1 minute', now())
    ON CONFLICT (job, claim_key) WHERE status <> 'abandoned' DO NOTHING RETURNING id`;
  const start = performance.now();
  await Promise.all(
    clients.map(async (client) => {
      for (let i = first; i < first + slots; i++) {
        const slot = new Date(T0 + i * 1000);
        await client.query({ name: 'raw_claim', text, values: [randomUUID(), slot, slot.toISOString()] });
      }
    }),
  );
  return performance.now() - start;
}

export async function postgresClaims(url: string, slots: number): Promise<ClaimFigures> {
  const schema = 'bench_claims';
  const rawSchema = 'bench_claims_raw';
  const stores = Array.from({ length: INSTANCES }, () =>
    createPostgresStore({ connectionString: url, max: 1 }, { schema }),
  );
  for (const store of stores) await store.init();
  const rawInit = createPostgresStore({ connectionString: url, max: 1 }, { schema: rawSchema });
  await rawInit.init(); // the same table shape for the floor
  await rawInit.close();
  const pool = new pg.Pool({ connectionString: url, max: INSTANCES });
  await pool.query('CHECKPOINT').catch(() => undefined); // flush earlier benchmarks' writes (needs superuser: best effort)
  const clients = await Promise.all(Array.from({ length: INSTANCES }, () => pool.connect()));
  const winners = new Map<number, number>();
  const best = { store: 0, raw: 0 };
  const roundRatios: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const raw = () => rawRound(clients, rawSchema, round * slots, slots);
    const store = () => storeRound(stores, round * slots, slots, winners);
    let rawMs: number;
    let storeMs: number;
    if (round % 2 === 0) {
      rawMs = await raw();
      storeMs = await store();
    } else {
      storeMs = await store();
      rawMs = await raw();
    }
    const rawRate = perSecond(slots, rawMs);
    const storeRate = perSecond(slots, storeMs);
    best.raw = Math.max(best.raw, rawRate);
    best.store = Math.max(best.store, storeRate);
    roundRatios.push(storeRate / rawRate);
  }
  for (const client of clients) client.release();
  await Promise.all(stores.map((store) => store.close()));
  const { rows } = await pool.query(
    `SELECT count(*)::int AS n, count(DISTINCT claim_key)::int AS keys FROM ${schema}.runs`,
  );
  const stored = rows[0] as { n: number; keys: number };
  await pool.end();
  return {
    slots: ROUNDS * slots,
    store: best.store,
    raw: best.raw,
    roundRatios,
    duplicates: [...winners.values()].filter((n) => n > 1).length + (stored.n - stored.keys),
    lost: ROUNDS * slots - winners.size,
  };
}
