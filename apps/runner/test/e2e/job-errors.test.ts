/**
 * `run` as an operator sees it (built CLI): a job error names the file or the
 * setting and the cause without a secret, a permanent one is tried once, and
 * the alert reaches a (slow) Slack before the process exits.
 */
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgAdminUrl } from '../../../../tools/test-postgres/database.js';
import { runCliProcess, tempRunnerEnv } from './cli-process.js';

interface RunJson {
  status: string;
  attempts: unknown[];
  error?: { name: string; code?: string; message: string };
}

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('cron-runner run: job errors (built CLI)', () => {
  it('a catalogue path that is a directory: exit 1, one attempt, the file and POKEMON_CRON_DB named', async () => {
    const { dir, env } = await tempRunnerEnv();
    mkdirSync(env.POKEMON_CRON_DB!);
    const result = await runCliProcess(['run', 'sync-missing-sets', '--json'], env);
    expect(result.code, result.stderr).toBe(1);
    const [run] = JSON.parse(result.stdout) as RunJson[];
    expect(run).toMatchObject({ status: 'failed', error: { name: 'ResourceError', code: 'SQLITE_CANTOPEN' } });
    expect(run!.attempts).toHaveLength(1);
    expect(run!.error!.message).toContain(
      `Catalogue ${join(dir, 'pokemon.sqlite3')} (catalogPath; runner: POKEMON_CRON_DB): cannot open it: it is a directory`,
    );
  });

  it('a missing primary database: one attempt, host:port/database named, the password never printed', async () => {
    const url = new URL(pgAdminUrl());
    url.password = 'pw-s3cret-789';
    url.pathname = '/no_such_database_cli';
    const { env } = await tempRunnerEnv({ PRIMARY_DATABASE_URL: url.toString() });
    const result = await runCliProcess(['run', 'replicate-to-primary', '--json'], env);
    expect(result.code, result.stderr).toBe(1);
    const [run] = JSON.parse(result.stdout) as RunJson[];
    expect(run!.attempts).toHaveLength(1);
    expect(run!.error).toMatchObject({ code: '3D000' });
    expect(run!.error!.message).toContain(
      `Primary PostgreSQL ${url.hostname}:${url.port || '5432'}/no_such_database_cli (primaryDatabaseUrl; runner: PRIMARY_DATABASE_URL): database "no_such_database_cli" does not exist`,
    );
    expect(result.stdout + result.stderr).not.toContain('pw-s3cret-789');
  });

  describe('with a slow Slack', () => {
    let api: { server: Server; url: string };
    let slack: { server: Server; url: string };
    const deliveries: { body: string; answeredAt: number }[] = [];
    beforeAll(async () => {
      api = await listen((_request, response) => {
        response.writeHead(401).end('{}');
      });
      slack = await listen((request, response) => {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString()));
        // Answers 300 ms after the request: the process must still be there to read it.
        request.on('end', () =>
          setTimeout(() => {
            response.writeHead(200).end('ok');
            deliveries.push({ body, answeredAt: Date.now() });
          }, 300),
        );
      });
    });
    afterAll(async () => {
      for (const { server } of [api, slack]) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    });

    it('the failure alert is delivered before the process exits', async () => {
      const { env } = await tempRunnerEnv({
        POKEMON_CRON_SOURCE: 'api',
        POKEMONTCG_API_URL: api.url,
        POKEMONTCG_API_KEY: 'key-s3cret-789',
        SLACK_WEBHOOK_URL: `${slack.url}/services/T0/B0/SECRETPART`,
      });
      const result = await runCliProcess(['run', 'sync-missing-sets'], env);
      const exitedAt = Date.now();
      expect(result.code, result.stderr).toBe(1);
      expect(deliveries).toHaveLength(1);
      expect(deliveries[0]!.body).toContain('sync-missing-sets');
      expect(deliveries[0]!.answeredAt).toBeLessThanOrEqual(exitedAt);
      expect(result.stderr).not.toContain('Gave up on alert delivery');
      expect(result.stdout + result.stderr).not.toMatch(/key-s3cret-789|SECRETPART/);
    });
  });
});
