import { execFileSync } from 'node:child_process';
import { chmodSync } from 'node:fs';

/** Whether this process bypasses file modes (root): then only the immutable flag makes a file read-only. */
const isRoot = process.getuid?.() === 0;

/**
 * Makes `path` read-only for this process, for real: `chmod a-w` for a normal
 * user, the immutable flag (`chattr +i`) for root, which ignores file modes.
 * Returns the function that undoes it (call it before deleting the file).
 */
export function makeReadOnly(path: string): () => void {
  if (isRoot) {
    execFileSync('chattr', ['+i', path]);
    return () => execFileSync('chattr', ['-i', path]);
  }
  chmodSync(path, 0o444);
  return () => chmodSync(path, 0o644);
}
