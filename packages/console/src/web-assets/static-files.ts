/**
 * The single-page app's files (built by Vite into `dist/web` at package build time), read once
 * and kept in memory with their gzip form. `index.html` gets a `<base>` for the mount path.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** One file ready to send. */
export interface StaticFile {
  body: Uint8Array;
  gzip: Uint8Array | undefined;
  type: string;
  etag: string;
  /** Hashed file names (under `assets/`) never change: cached for a year. */
  immutable: boolean;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

/** Where the built app is: beside the bundle (`dist/web`), or from the sources (tests). */
function webDirectory(): string | undefined {
  const candidates = ['./web/', '../../dist/web/'].map((path) => fileURLToPath(new URL(path, import.meta.url)));
  return candidates.find((dir) => existsSync(join(dir, 'index.html')));
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

function prepare(body: Uint8Array, path: string): StaticFile {
  const type = TYPES[extname(path)] ?? 'application/octet-stream';
  const compressible = /^(text|application\/json|image\/svg)/.test(type);
  return {
    body,
    gzip: compressible && body.length > 512 ? gzipSync(body) : undefined,
    type,
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
    immutable: path.startsWith('assets/'),
  };
}

/**
 * The app's files by path (`index.html`, `assets/...`), with `index.html`'s `<base href>` set
 * to `basePath/`. Empty when the app was not built (the API still works).
 */
export function loadStaticFiles(basePath: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  const dir = webDirectory();
  if (!dir) return files;
  for (const path of walk(dir)) {
    const name = relative(dir, path).split('\\').join('/');
    let body: Uint8Array = readFileSync(path);
    if (name === 'index.html') {
      const html = Buffer.from(body).toString('utf8').replace('<head>', `<head><base href="${basePath}/">`);
      body = Buffer.from(html, 'utf8');
    }
    files.set(name, prepare(body, name));
  }
  return files;
}
