// Compiles every ```ts code sample of the guides (docs/guides/*.md) and README.md against the
// packages' sources, so a sample that drifts from the API fails CI. Each sample is its own module.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, 'docs', '.samples');
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });

const sources = [
  path.join(root, 'README.md'),
  ...fs
    .readdirSync(path.join(root, 'docs', 'guides'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => path.join(root, 'docs', 'guides', name)),
];

let count = 0;
for (const file of sources) {
  if (!fs.existsSync(file)) continue;
  const text = fs.readFileSync(file, 'utf8');
  const pattern = /^```(ts|typescript)\n([\s\S]*?)^```/gm;
  for (const match of text.matchAll(pattern)) {
    count += 1;
    const name = `${path.basename(file, '.md')}-${count}.ts`;
    const line = text.slice(0, match.index).split('\n').length;
    const header = `// from ${path.relative(root, file)}:${line}\n`;
    fs.writeFileSync(path.join(outDir, name), `${header}${match[2]}\nexport {};\n`);
  }
}

const tsconfig = {
  extends: '../../tsconfig.base.json',
  compilerOptions: {
    noEmit: true,
    noUnusedLocals: false,
    paths: {
      '@pokemon/scheduler': ['../../packages/scheduler/src/index.ts'],
      '@pokemon/scheduler/*': ['../../packages/scheduler/src/*.ts'],
      '@pokemon/jobs-pokemon': ['../../packages/jobs-pokemon/src/index.ts'],
      '@pokemon/cron-runner': ['../../apps/runner/src/index.ts'],
      '@pokemon/console': ['../../packages/console/src/index.ts'],
      '@pokemon/console/node': ['../../packages/console/src/node.ts'],
    },
  },
  include: ['*.ts'],
};
fs.writeFileSync(path.join(outDir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
console.log(`compiling ${count} code samples from ${sources.length} documents`);
execFileSync(path.join(root, 'node_modules', '.bin', 'tsc'), ['-p', path.join(outDir, 'tsconfig.json')], {
  stdio: 'inherit',
  cwd: root,
});
console.log('all samples compile');
