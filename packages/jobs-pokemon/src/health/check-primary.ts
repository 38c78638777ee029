import { connectPrimary } from '../primary/connect.js';
import { quoteSchema } from '../primary/schema-name.js';
import type { HealthCheck, HealthThresholds } from './check-types.js';

/** PostgreSQL reachable, round-trip latency, and row-count drift from the catalogue. */
export async function checkPrimary(
  url: string | undefined,
  schema: string,
  local: { sets: number; cards: number } | undefined,
  thresholds: HealthThresholds,
  signal?: AbortSignal,
): Promise<HealthCheck> {
  if (!url) {
    return {
      name: 'primary',
      status: 'skipped',
      message: 'primaryDatabaseUrl is not configured (PRIMARY_DATABASE_URL)',
      details: {},
    };
  }
  let client: Awaited<ReturnType<typeof connectPrimary>> | undefined;
  try {
    client = await connectPrimary(url, signal);
    const started = performance.now();
    await client.query('SELECT 1');
    const latencyMs = Math.round((performance.now() - started) * 100) / 100;
    const s = quoteSchema(schema);
    const { rows } = await client
      .query<{ sets: string | null; cards: string | null }>(
        // A primary never replicated to has no schema yet: that is drift, not an outage.
        `SELECT (SELECT count(*) FROM ${s}.sets) AS sets, (SELECT count(*) FROM ${s}.cards) AS cards`,
      )
      .catch(() => ({ rows: [{ sets: null, cards: null }] }));
    const remote = { sets: Number(rows[0]?.sets ?? 0), cards: Number(rows[0]?.cards ?? 0) };
    const drift = local ? Math.abs(local.sets - remote.sets) + Math.abs(local.cards - remote.cards) : 0;
    const details = { latencyMs, primarySets: remote.sets, primaryCards: remote.cards, driftRows: drift };
    if (drift > thresholds.driftWarnRows) {
      return {
        name: 'primary',
        status: 'warning',
        message: `Primary differs from the catalogue by ${drift} rows (run replicate-to-primary)`,
        details,
      };
    }
    if (latencyMs > thresholds.primaryLatencyWarnMs) {
      return {
        name: 'primary',
        status: 'warning',
        message: `Primary round trip ${latencyMs} ms (> ${thresholds.primaryLatencyWarnMs} ms)`,
        details,
      };
    }
    return { name: 'primary', status: 'ok', message: `Primary reachable in ${latencyMs} ms, in sync`, details };
  } catch (error) {
    return {
      name: 'primary',
      status: 'critical',
      message: `Primary unreachable: ${(error as Error).message}`,
      details: {},
    };
  } finally {
    await client?.end().catch(() => {});
  }
}
