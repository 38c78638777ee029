/**
 * Where the worker's main module is. Built, it sits beside this code in `dist/`
 * (`isolation-worker.js`); run from the TypeScript sources (the library's own tests),
 * it is `src/isolation-worker.ts`, loaded through tsx: `--import tsx` for a process,
 * and for a thread (where `--import` is not honoured) a bootstrap that registers tsx first.
 */
const fromSource = import.meta.url.endsWith('.ts');

/** @internal The worker's main module. */
export const WORKER_ENTRY: URL = fromSource
  ? new URL('../isolation-worker.ts', import.meta.url)
  : new URL('./isolation-worker.js', import.meta.url);

/** @internal Node options a child process needs to load the main module. */
export const PROCESS_EXEC_ARGV: readonly string[] = fromSource ? ['--import', 'tsx'] : [];

/** @internal What `new Worker()` is given: the main module, or the bootstrap code (`eval`) that loads it. */
export const THREAD_SCRIPT: { script: URL | string; eval: boolean } = fromSource
  ? {
      script: `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_ENTRY.href)}); });`,
      eval: true,
    }
  : { script: WORKER_ENTRY, eval: false };
