// Signing in sets an HttpOnly, SameSite=Strict cookie; state changes check Origin; a viewer's
// cookie cannot act; a forged, expired or revoked session is refused.
import { expect, it } from 'vitest';
import { sessionValue, verifySession } from '../src/auth/session.js';
import { createConsole, hashToken } from '../src/index.js';
import { ORIGIN, startHarness } from './harness.js';

async function signIn(h: Awaited<ReturnType<typeof startHarness>>, secret: string): Promise<string> {
  const res = await h.call('POST', '/api/session', { body: { token: secret }, headers: { origin: ORIGIN } });
  expect(res.status).toBe(200);
  const cookie = res.headers.get('set-cookie') ?? '';
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/SameSite=Strict/);
  expect(cookie).toMatch(/Path=\//);
  expect(cookie).not.toContain(secret);
  return cookie.split(';')[0] ?? '';
}

it('signs in with a token and acts through the cookie from the console origin only', async () => {
  await using h = await startHarness();
  const cookie = await signIn(h, h.secrets.operator);
  const session = await h.call('GET', '/api/session', { headers: { cookie } });
  expect(await session.json()).toMatchObject({ name: 'operator', role: 'operator' });
  const same = await h.call('POST', '/api/jobs/sync-sets/pause', { body: {}, headers: { cookie, origin: ORIGIN } });
  expect(same.status).toBe(200);
  const cross = await h.call('POST', '/api/jobs/sync-sets/resume', {
    body: {},
    headers: { cookie, origin: 'http://evil.test' },
  });
  expect(cross.status).toBe(403);
  expect(await cross.json()).toMatchObject({ error: { code: 'ORIGIN_REFUSED' } });
  const noOrigin = await h.call('POST', '/api/jobs/sync-sets/resume', { body: {}, headers: { cookie } });
  expect(noOrigin.status).toBe(403);
  expect(await h.store.getJob('sync-sets')).toMatchObject({ paused: true });
  const out = await h.call('DELETE', '/api/session', { headers: { cookie, origin: ORIGIN } });
  expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
});

it('refuses a cross-origin sign-in, a wrong token, and acting with a viewer cookie', async () => {
  await using h = await startHarness();
  const cross = await h.call('POST', '/api/session', {
    body: { token: h.secrets.admin },
    headers: { origin: 'http://evil.test' },
  });
  expect(cross.status).toBe(403);
  const wrong = await h.call('POST', '/api/session', { body: { token: 'x'.repeat(40) }, headers: { origin: ORIGIN } });
  expect(wrong.status).toBe(401);
  const cookie = await signIn(h, h.secrets.viewer);
  const crafted = await h.call('POST', '/api/jobs/sync-sets/trigger', {
    body: {},
    headers: { cookie, origin: ORIGIN },
  });
  expect(crafted.status).toBe(403);
  expect(await crafted.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
});

it('a session is refused once expired, forged, or its token removed', () => {
  const token = { name: 'alice', role: 'admin' as const, hash: hashToken('a'.repeat(32)) };
  const value = sessionValue(token, 2_000);
  expect(verifySession([token], value, 1_999)?.token.name).toBe('alice');
  expect(verifySession([token], value, 2_000)).toBeUndefined();
  expect(verifySession([token], value.replace('alice.', 'mallory.'), 0)).toBeUndefined();
  expect(verifySession([token], value.replace('2000', '9999'), 0)).toBeUndefined();
  expect(verifySession([{ ...token, role: 'viewer' }], value, 0)).toBeUndefined();
  expect(verifySession([], value, 0)).toBeUndefined();
});

it('with no token configured every API request is refused, the page still loads', async () => {
  await using h = await startHarness();
  const closed = createConsole({ scheduler: h.scheduler, store: h.store, tokens: [] });
  const res = await closed.fetch(new Request(`${ORIGIN}/api/jobs`, { headers: { authorization: 'Bearer anything' } }));
  expect(res.status).toBe(401);
  expect(await res.json()).toMatchObject({ error: { code: 'NO_TOKENS' } });
  const signIn = await closed.fetch(
    new Request(`${ORIGIN}/api/session`, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify({ token: 'anything' }),
    }),
  );
  expect(signIn.status).toBe(401);
  const page = await closed.fetch(new Request(`${ORIGIN}/runs?status=failed`));
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<base href="/">');
  await closed.close();
});

it('mounted under a base path, serves the API and pages there and scopes the cookie to it', async () => {
  await using h = await startHarness({ basePath: '/admin' });
  const res = await h.call('POST', '/api/session', { body: { token: h.secrets.viewer }, headers: { origin: ORIGIN } });
  expect(res.headers.get('set-cookie')).toMatch(/Path=\/admin\//);
  expect((await h.call('GET', '/api/jobs', { role: 'viewer' })).status).toBe(200);
  const page = await h.call('GET', '/jobs/sync-sets');
  expect(await page.text()).toContain('<base href="/admin/">');
  const doc = (await (await h.call('GET', '/api/openapi.json', { role: 'viewer' })).json()) as {
    servers: { url: string }[];
  };
  expect(doc.servers).toEqual([{ url: '/admin' }]);
});

it.each([
  [{ tokens: [{ name: 'a', role: 'root', hash: 'sha256:00' }] }, 'createConsole: tokens[0] (a): expected a role'],
  [{ basePath: '/admin/' }, 'createConsole: expected basePath like "/admin"'],
])('rejects bad options %j with a message naming them', async (bad, message) => {
  await using h = await startHarness();
  expect(() => createConsole({ scheduler: h.scheduler, store: h.store, tokens: [], ...(bad as object) })).toThrow(
    message,
  );
});
