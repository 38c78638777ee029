// Packaging checks on the built packages: publint, @arethetypeswrong/cli (esm-only profile), knip.
import { execFileSync } from 'node:child_process';

const packages = ['packages/scheduler', 'packages/jobs-pokemon', 'packages/console', 'apps/runner'];

function run(command, args, cwd) {
  console.log(`$ ${command} ${args.join(' ')}${cwd ? `   (in ${cwd})` : ''}`);
  execFileSync(command, args, { stdio: 'inherit', cwd });
}

for (const dir of packages) {
  run('pnpm', ['exec', 'publint', '--strict', dir]);
  run('pnpm', ['exec', 'attw', '--pack', dir, '--profile', 'esm-only', '--format', 'table-flipped']);
}
run('pnpm', ['exec', 'knip', '--no-progress']);
