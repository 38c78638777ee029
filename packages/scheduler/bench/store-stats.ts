/** Small helpers shared by the store benchmarks. */

/** Nearest-rank percentile of ascending values. */
export function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/** Runs `fn` `times` times, returning ascending latencies in ms. */
export async function latencies(times: number, fn: () => unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await fn();
    out.push(performance.now() - start);
  }
  return out.sort((a, b) => a - b);
}

/** Operations per second of `count` operations done in `ms`. */
export const perSecond = (count: number, ms: number): number => (count * 1000) / ms;

/** Formats a number with thousands separators. */
export const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Runs `workers` loops concurrently until `total` iterations are done; returns elapsed ms. */
export async function concurrently(
  workers: number,
  total: number,
  body: (i: number) => Promise<void>,
): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < total) await body(next++);
    }),
  );
  return performance.now() - start;
}
