// Packs the four packages as they would be published, installs the tarballs into an empty
// folder with npm (as a user would), runs `npx @pokemon/cron-runner --help` and `list` there, and
// starts the daemon to fetch the web console's page (its app is inside the console's tarball).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cron-runner-pack-'));
const tarballs = path.join(work, 'tarballs');
const app = path.join(work, 'app');
fs.mkdirSync(tarballs);
fs.mkdirSync(app);

for (const dir of ['packages/scheduler', 'packages/jobs-pokemon', 'packages/console', 'apps/runner']) {
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

const daemon = spawn('npx', ['--no-install', '@pokemon/cron-runner', 'start'], {
  cwd: app,
  env: {
    ...process.env,
    POKEMON_CRON_STORE: path.join(work, 'scheduler.sqlite3'),
    POKEMON_CRON_DB: path.join(work, 'pokemon.sqlite3'),
    POKEMON_CRON_BACKUP_DIR: path.join(work, 'backups'),
    POKEMON_CRON_HTTP_PORT: '0',
    LOG_FORMAT: 'json',
  },
  stdio: ['ignore', 'ignore', 'pipe'],
  // Its own process group: npx runs the bin under a shell that does not pass SIGTERM on, so the
  // stop below signals the whole group (npx, the shell and the daemon).
  detached: true,
});
const exited = new Promise((resolve) => daemon.once('exit', resolve));
try {
  const url = await new Promise((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(
      () => reject(new Error(`the packed daemon did not listen within 60 s:\n${stderr}`)),
      60_000,
    );
    daemon.stderr.on('data', (chunk) => {
      stderr += chunk;
      const line = stderr.split('\n').find((l) => l.includes('"http server listening"'));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line).url);
      }
    });
    daemon.on('exit', (code) => reject(new Error(`the packed daemon exited (${code}):\n${stderr}`)));
  });
  const page = await fetch(`${url}/`);
  const html = await page.text();
  const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
  if (page.status !== 200 || !script) throw new Error(`the packed console's page: HTTP ${page.status}\n${html}`);
  const asset = await fetch(`${url}/${script}`);
  if (asset.status !== 200) throw new Error(`the packed console's ${script}: HTTP ${asset.status}`);
  console.log(`packed daemon serves the console at ${url}/ (${script})`);
} finally {
  process.kill(-daemon.pid, 'SIGTERM');
}
const stopped = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(r, 30_000, false))]);
if (!stopped) {
  process.kill(-daemon.pid, 'SIGKILL');
  throw new Error('the packed daemon did not stop within 30 s of SIGTERM');
}
fs.rmSync(work, { recursive: true, force: true });
