/**
 * Per-run cost of tracing (`pnpm exec tsx bench/tracing.ts`, or `BENCH_ONLY=tracing pnpm bench`):
 * the whole run path of a trivial job, on the memory store then on SQLite, with no observer (the floor), with `openTelemetry()` and the
 * API alone (no SDK: targets <= 1.02x the floor), and with the official SDK and in-memory exporters
 * (target <= 1.2x); for reference, no observer with only the SDK's AsyncLocalStorage context manager
 * registered (what any OpenTelemetry setup costs every promise of the process). Each variant runs
 * in its own process (bench/tracing-run.ts); BENCH_ROUNDS (8) rounds, the variants taking turns
 * within each (in reverse order every other round) so a disturbance of the machine, or a position
 * in the round, does not land on one of them only. The figure is the
 * process's CPU time per run (user + system: less disturbed than wall time by the other processes
 * of a shared machine), median of the rounds.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const here = import.meta.dirname;
const rounds = Number(process.env.BENCH_ROUNDS ?? 8);
const VARIANTS = [
  { id: 'none', name: 'no observer (floor)', target: undefined },
  { id: 'api', name: 'openTelemetry(), API only (no SDK)', target: 1.02 },
  { id: 'als', name: 'no observer, SDK context manager registered (reference)', target: undefined },
  { id: 'sdk', name: 'openTelemetry(), SDK + in-memory exporters', target: 1.2 },
  {
    id: 'sdk-calls',
    name: 'no scheduler: only the SDK calls of one traced run (the least SDK tracing can cost; reference)',
    target: undefined,
  },
] as const;

function measure(variant: string, store: string): number {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(here, 'tracing-run.ts'), variant, store], {
    encoding: 'utf8',
    cwd: path.join(here, '..'),
  });
  return (JSON.parse(out) as { cpuUsPerRun: number }).cpuUsPerRun;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function table(store: string, label: string): void {
  const samples = new Map<string, number[]>(VARIANTS.map((v) => [v.id, []]));
  for (let round = 0; round < rounds; round++) {
    // Every other round in reverse order, so no variant always runs first or last.
    const order = round % 2 === 0 ? VARIANTS : [...VARIANTS].reverse();
    for (const variant of order) samples.get(variant.id)!.push(measure(variant.id, store));
  }
  const floor = median(samples.get('none')!);
  console.log(
    `\n## Per-run cost of tracing: manual runs of a trivial job, ${label} (CPU time of the process, median of ${rounds} rounds)`,
  );
  console.log('| variant | CPU µs per run | rounds (µs) | x no observer | target | verdict |');
  console.log('|---|---|---|---|---|---|');
  for (const variant of VARIANTS) {
    const values = samples.get(variant.id)!;
    const us = median(values);
    const ratio = us / floor;
    const verdict = variant.target === undefined ? '' : ratio <= variant.target ? 'met' : 'NOT met';
    console.log(
      `| ${variant.name} | ${us.toFixed(1)} | ${values.map((v) => v.toFixed(1)).join(', ')} | ${ratio.toFixed(3)} | ${variant.target === undefined ? '' : `<= ${variant.target}`} | ${verdict} |`,
    );
  }
  // What the SDK costs by itself, whoever calls it: its context manager (on every promise of the
  // process) and its own calls for one run's spans and points. Their sum over the floor is the
  // least ratio any SDK tracing of this run path can reach.
  const sdk = median(samples.get('sdk')!) - floor;
  const contextManager = Math.max(0, median(samples.get('als')!) - floor);
  const calls = median(samples.get('sdk-calls')!);
  console.log(
    `SDK tracing adds ${sdk.toFixed(1)} µs per run; the SDK by itself: context manager ${contextManager.toFixed(1)} µs + its calls for one run ${calls.toFixed(1)} µs = ${(1 + (contextManager + calls) / floor).toFixed(3)}x this floor before the scheduler adds anything; the scheduler's own share ${(sdk - contextManager - calls).toFixed(1)} µs.`,
  );
}

table('memory', 'memory store (the cheapest run path: the harshest ratio)');
table('sqlite', 'SQLite store (a file in the temp directory, as the runner keeps it)');
