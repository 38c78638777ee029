import { execFileSync } from 'node:child_process';
import { chmodSync, statSync } from 'node:fs';

/** Whether this process bypasses file modes (root): then only the immutable flag makes a path read-only. */
const isRoot = process.getuid?.() === 0;

/**
 * Makes `path` (a file or a directory) read-only for this process, for real:
 * the immutable flag (`chattr +i`) for root, which ignores file modes, else
 * the write bits removed. Returns the function that undoes it (call it before
 * deleting the path).
 */
export function makeReadOnly(path: string): () => void {
  if (isRoot) {
    execFileSync('chattr', ['+i', path]);
    return () => execFileSync('chattr', ['-i', path]);
  }
  const mode = statSync(path).mode & 0o7777;
  chmodSync(path, mode & ~0o222);
  return () => chmodSync(path, mode);
}
