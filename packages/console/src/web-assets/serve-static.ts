/** Answers a GET for the app: a file by path, else `index.html` (the app routes in the browser). */
import type { Context } from 'hono';
import type { StaticFile } from './static-files.js';

/** Headers every console page carries: no framing, no inline script, nothing fetched elsewhere. */
export const PAGE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/** The response for `path` (relative to the mount path), or `undefined` when the app has no such file. */
export function serveStatic(c: Context, files: ReadonlyMap<string, StaticFile>, path: string): Response | undefined {
  const asset = path.startsWith('assets/') || /\.[a-z0-9]+$/i.test(path);
  const file = files.get(path) ?? (asset ? undefined : files.get('index.html'));
  if (!file) return undefined;
  const headers: Record<string, string> = {
    ...PAGE_SECURITY_HEADERS,
    'content-type': file.type,
    etag: file.etag,
    'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    vary: 'accept-encoding',
  };
  if (c.req.header('if-none-match') === file.etag) return new Response(null, { status: 304, headers });
  const gzip = file.gzip !== undefined && /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
  if (gzip) headers['content-encoding'] = 'gzip';
  const body = gzip ? file.gzip : file.body;
  const payload = c.req.method === 'HEAD' ? null : (body as unknown as ConstructorParameters<typeof Response>[0]);
  return new Response(payload, { status: 200, headers });
}
