// Packs the three packages as they would be published, installs the tarballs into an empty
// folder with npm (as a user would), and runs `npx @pokemon/cron-runner --help` there.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cron-runner-pack-'));
const tarballs = path.join(work, 'tarballs');
const app = path.join(work, 'app');
fs.mkdirSync(tarballs);
fs.mkdirSync(app);

for (const dir of ['packages/scheduler', 'packages/jobs-pokemon', 'apps/runner']) {
  execFileSync('pnpm', ['pack', '--pack-destination', tarballs], { cwd: path.join(root, dir), stdio: 'ignore' });
}
const files = fs.readdirSync(tarballs).map((name) => path.join(tarballs, name));
for (const file of files)
  console.log(`packed ${path.basename(file)} (${(fs.statSync(file).size / 1024).toFixed(0)} KiB)`);

fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'packed-cli-check', private: true }));
execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...files], {
  cwd: app,
  stdio: 'inherit',
});
const help = execFileSync('npx', ['--no-install', '@pokemon/cron-runner', '--help'], { cwd: app, encoding: 'utf8' });
console.log(help);
if (!/Usage: cron-runner/.test(help)) throw new Error('`npx @pokemon/cron-runner --help` did not print the usage');
const list = execFileSync('npx', ['--no-install', '@pokemon/cron-runner', 'list', '--json'], {
  cwd: app,
  encoding: 'utf8',
  env: {
    ...process.env,
    POKEMON_CRON_STORE: path.join(work, 'scheduler.sqlite3'),
    POKEMON_CRON_DB: path.join(work, 'pokemon.sqlite3'),
  },
});
const jobs = JSON.parse(list);
if (!Array.isArray(jobs) || jobs.length !== 8) throw new Error(`expected 8 jobs from \`list --json\`, got ${list}`);
console.log(`packed CLI lists ${jobs.length} jobs: ${jobs.map((job) => job.name).join(', ')}`);
fs.rmSync(work, { recursive: true, force: true });
