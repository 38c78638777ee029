/**
 * Cost of a minimal use of the standalone `retry`: cold import time (a fresh `node` each time,
 * median of BENCH_IMPORT_RUNS, 21; the cases take turns within each round so a disturbance of
 * the machine does not land on one of them only; the floor is the import of an empty module) and the minified + gzipped size of an esbuild bundle of a
 * one-line program, for `retry` from `@pokemon/scheduler/primitives`, the same from the root
 * entry, and croner's minimal use (one `Cron`), the reference. Runs against the BUILT package
 * (`pnpm build` first), resolved by name as a user's project would.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const pkg = path.resolve(import.meta.dirname, '..');
const runs = Number(process.env.BENCH_IMPORT_RUNS ?? 21);
/** An empty module: what any dynamic import costs in a fresh process (the ESM loader starting). */
const FLOOR = 'data:text/javascript,export default 1';

interface Case {
  name: string;
  /** The module a user imports. */
  specifier: string;
  /** A minimal program using it. */
  program: string;
}

const cases: Case[] = [
  {
    name: 'croner: `new Cron(...)` (reference)',
    specifier: 'croner',
    program: "import { Cron } from 'croner';\nnew Cron('0 3 * * *', () => {}).stop();\n",
  },
  {
    name: '@pokemon/scheduler/primitives: `retry`',
    specifier: '@pokemon/scheduler/primitives',
    program: "import { retry } from '@pokemon/scheduler/primitives';\nawait retry(async () => 1, { attempts: 3 });\n",
  },
  {
    name: '@pokemon/scheduler (root): `retry`',
    specifier: '@pokemon/scheduler',
    program: "import { retry } from '@pokemon/scheduler';\nawait retry(async () => 1, { attempts: 3 });\n",
  },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** ms from before `import(specifier)` to after it, in a fresh node process. */
function coldImportMs(specifier: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(specifier)}); process.stdout.write(String(performance.now() - t));`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: pkg, encoding: 'utf8' }));
}

/** Bytes of the minified bundle of `program`, and of it gzipped. */
async function bundleBytes(program: string, dir: string): Promise<{ min: number; gzip: number }> {
  const entry = path.join(dir, 'entry.mjs');
  fs.writeFileSync(entry, program);
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    nodePaths: [path.join(pkg, 'node_modules')],
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { min: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(pkg, 'dist', 'primitives.js'))) {
    throw new Error(`@pokemon/scheduler is not built (${pkg}/dist missing): run \`pnpm build\` first.`);
  }
  // The bundles resolve @pokemon/scheduler through a node_modules link, as in a user's project.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-cost-'));
  fs.mkdirSync(path.join(dir, 'node_modules', '@pokemon'), { recursive: true });
  fs.symlinkSync(pkg, path.join(dir, 'node_modules', '@pokemon', 'scheduler'), 'dir');
  try {
    const specifiers = [FLOOR, ...cases.map((c) => c.specifier)];
    const times = new Map<string, number[]>(specifiers.map((s) => [s, []]));
    for (let i = 0; i < runs; i++) for (const s of specifiers) times.get(s)?.push(coldImportMs(s));
    const floorMs = median(times.get(FLOOR) ?? []);
    const rows = [];
    for (const c of cases)
      rows.push({ ...c, importMs: median(times.get(c.specifier) ?? []), ...(await bundleBytes(c.program, dir)) });
    const ref = rows[0]!;
    const fmt = (n: number, digits = 1): string => n.toFixed(digits);
    const kb = (bytes: number): string => `${fmt(bytes / 1024)} KB`;
    console.log(`Cold import (fresh node, median of ${runs}) and esbuild bundle (minified, gzip -9) of a minimal use`);
    console.log(`Floor: importing an empty module takes ${fmt(floorMs, 2)} ms; "above floor" is the import minus it.`);
    console.log(
      '| use | cold import | above floor | x croner (above floor) | minified | gzipped | x croner (gzipped) |',
    );
    console.log('|---|---|---|---|---|---|---|');
    const above = (ms: number): number => Math.max(0, ms - floorMs);
    for (const r of rows) {
      console.log(
        `| ${r.name} | ${fmt(r.importMs, 2)} ms | ${fmt(above(r.importMs), 2)} ms | ${fmt(above(r.importMs) / above(ref.importMs), 2)} | ${kb(r.min)} | ${kb(r.gzip)} | ${fmt(r.gzip / ref.gzip, 2)} |`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
