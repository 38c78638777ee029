import { execFileSync } from 'node:child_process';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function blocksWrites(dir: string): boolean {
  const probe = join(dir, '.write-probe');
  try {
    writeFileSync(probe, 'x');
    rmSync(probe, { force: true });
    return false;
  } catch {
    return true;
  }
}

/**
 * Makes `dir` really read-only, even for root: the immutable attribute
 * (`chattr +i`, root on ext4/xfs/btrfs), else mode 0555 (enough for any other
 * user). Returns the function that undoes it, or `undefined` when neither
 * blocks writes here (the caller skips).
 */
export function makeReadOnly(dir: string): (() => void) | undefined {
  try {
    execFileSync('chattr', ['+i', dir], { stdio: 'ignore' });
    if (blocksWrites(dir)) return () => execFileSync('chattr', ['-i', dir], { stdio: 'ignore' });
    execFileSync('chattr', ['-i', dir], { stdio: 'ignore' });
  } catch {
    // no chattr, or not allowed: try the mode
  }
  chmodSync(dir, 0o555);
  if (blocksWrites(dir)) return () => chmodSync(dir, 0o755);
  chmodSync(dir, 0o755);
  return undefined;
}
