/**
 * (c) Claims per second with four instances (four stores, one connection
 * each) contending for the same slots on PostgreSQL; every slot must have
 * exactly one winner. The floor: four connections racing a bare
 * INSERT … ON CONFLICT DO NOTHING on the same partial unique index.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createPostgresStore } from '../src/postgres.js';
import { perSecond } from './store-stats.js';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const INSTANCES = 4;

/** Slots/s and correctness of a contended claim race. */
export interface ClaimFigures {
  slots: number;
  store: number;
  raw: number;
  duplicates: number;
  lost: number;
}

export async function postgresClaims(url: string, slots: number): Promise<ClaimFigures> {
  const schema = 'bench_claims';
  const stores = Array.from({ length: INSTANCES }, () =>
    createPostgresStore({ connectionString: url, max: 1 }, { schema }),
  );
  for (const store of stores) await store.init();
  const winners = new Map<number, number>();
  const storeStart = performance.now();
  await Promise.all(
    stores.map(async (store, instance) => {
      for (let i = 0; i < slots; i++) {
        const slot = new Date(T0 + i * 1000);
        const result = await store.claimRun({
          id: randomUUID(),
          job: 'contended',
          scheduledFor: slot,
          claimKey: slot.toISOString(),
          trigger: 'schedule',
          instanceId: `instance-${instance}`,
          leaseMs: 60_000,
        });
        if (result.claimed) winners.set(i, (winners.get(i) ?? 0) + 1);
      }
    }),
  );
  const storeMs = performance.now() - storeStart;
  await Promise.all(stores.map((store) => store.close()));
  const pool = new pg.Pool({ connectionString: url, max: INSTANCES });
  const { rows } = await pool.query(
    `SELECT count(*)::int AS n, count(DISTINCT claim_key)::int AS keys FROM ${schema}.runs`,
  );
  const stored = rows[0] as { n: number; keys: number };

  await pool.query(`CREATE TABLE ${schema}.raw_claims (id text PRIMARY KEY, job text NOT NULL, claim_key text NOT NULL, status text NOT NULL,
    created_at timestamptz NOT NULL, lease_expires_at timestamptz)`);
  await pool.query(`CREATE UNIQUE INDEX ON ${schema}.raw_claims (job, claim_key) WHERE status <> 'abandoned'`);
  const text = `INSERT INTO ${schema}.raw_claims (id, job, claim_key, status, created_at, lease_expires_at)
    VALUES ($1, 'contended', $2, 'running', now(), now() + interval '1 minute')
    ON CONFLICT (job, claim_key) WHERE status <> 'abandoned' DO NOTHING RETURNING id`;
  const clients = await Promise.all(Array.from({ length: INSTANCES }, () => pool.connect()));
  const rawStart = performance.now();
  await Promise.all(
    clients.map(async (client) => {
      for (let i = 0; i < slots; i++) {
        await client.query({ name: 'raw_claim', text, values: [randomUUID(), new Date(T0 + i * 1000).toISOString()] });
      }
    }),
  );
  const rawMs = performance.now() - rawStart;
  for (const client of clients) client.release();
  await pool.end();
  return {
    slots,
    store: perSecond(slots, storeMs),
    raw: perSecond(slots, rawMs),
    duplicates: [...winners.values()].filter((n) => n > 1).length + (stored.n - stored.keys),
    lost: slots - winners.size,
  };
}
