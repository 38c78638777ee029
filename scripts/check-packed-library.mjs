// Packs @pokemon/scheduler as it would be published, installs the tarball into an empty folder
// with npm (no vitest, no other test framework), and runs a consumer's node:test test that
// imports `@pokemon/scheduler/testing` and drives a scheduler through a simulated day.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'scheduler-consumer-'));
const app = path.join(work, 'app');
fs.mkdirSync(app);

execFileSync('pnpm', ['pack', '--pack-destination', work], {
  cwd: path.join(root, 'packages/scheduler'),
  stdio: 'ignore',
});
const tarball = fs.readdirSync(work).find((name) => name.endsWith('.tgz'));
if (!tarball) throw new Error(`pnpm pack wrote no tarball in ${work}`);
console.log(`packed ${tarball} (${(fs.statSync(path.join(work, tarball)).size / 1024).toFixed(0)} KiB)`);

fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', path.join(work, tarball)], {
  cwd: app,
  stdio: 'inherit',
});
for (const framework of ['vitest', 'jest', 'mocha']) {
  if (fs.existsSync(path.join(app, 'node_modules', framework))) {
    throw new Error(
      `${framework} was installed with @pokemon/scheduler: the consumer check needs a project without it`,
    );
  }
}
const packed = path.join(app, 'node_modules', '@pokemon', 'scheduler');
for (const file of ['README.md', 'LICENSE']) {
  if (!fs.existsSync(path.join(packed, file))) throw new Error(`the packed @pokemon/scheduler has no ${file}`);
}
fs.copyFileSync(path.join(root, 'scripts/consumer/fake-clock-day.test.mjs'), path.join(app, 'day.test.mjs'));
execFileSync(process.execPath, ['--test', 'day.test.mjs'], { cwd: app, stdio: 'inherit' });
console.log('@pokemon/scheduler/testing loads and drives a scheduler under node:test with no test framework installed');
fs.rmSync(work, { recursive: true, force: true });
