// The release flow: `changeset version` then `pnpm publish -r --dry-run`, in place, with every
// file they touch restored afterwards (so running it locally leaves the checkout as it was).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const manifests = ['packages/scheduler', 'packages/jobs-pokemon', 'packages/console', 'apps/runner'];
const touched = [
  ...manifests.flatMap((dir) => [`${dir}/package.json`, `${dir}/CHANGELOG.md`]),
  ...fs.readdirSync(path.join(root, '.changeset')).map((name) => `.changeset/${name}`),
];
const backup = new Map(
  touched.map((file) => {
    const full = path.join(root, file);
    return [full, fs.existsSync(full) ? fs.readFileSync(full) : undefined];
  }),
);

function restore() {
  for (const [file, content] of backup) {
    if (content === undefined) fs.rmSync(file, { force: true });
    else fs.writeFileSync(file, content);
  }
}

try {
  execFileSync('pnpm', ['exec', 'changeset', 'version'], { cwd: root, stdio: 'inherit' });
  for (const dir of manifests) {
    const { name, version } = JSON.parse(fs.readFileSync(path.join(root, dir, 'package.json'), 'utf8'));
    console.log(`${name} -> ${version}`);
  }
  execFileSync('pnpm', ['publish', '-r', '--dry-run', '--no-git-checks'], { cwd: root, stdio: 'inherit' });
} finally {
  restore();
}
