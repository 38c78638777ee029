import { describe, expect, it } from 'vitest';
import { runCliProcess, spawnCli, tempRunnerEnv } from './cli-process.js';

describe('cron-runner usage and configuration (built CLI)', () => {
  it('prints help with every command, exit 0', async () => {
    const { code, stdout } = await runCliProcess(['--help'], {});
    expect(code).toBe(0);
    for (const command of [
      'start',
      'run',
      'list',
      'status',
      'history',
      'pause',
      'resume',
      'backfill',
      'plan',
      'backups',
      'config',
    ]) {
      expect(stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    }
  });

  it('prints help of a subcommand', async () => {
    const { code, stdout } = await runCliProcess(['history', '--help'], {});
    expect(code).toBe(0);
    expect(stdout).toContain('--cursor');
  });

  it('exits 2 on an unknown command or a missing argument', async () => {
    expect((await runCliProcess(['launch'], {})).code).toBe(2);
    const missing = await runCliProcess(['pause'], {});
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("missing required argument 'job'");
    const run = await runCliProcess(['run'], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('run: give a job name, or --all to run every job once\n');
  });

  it('stops on a bad variable with one line naming it, exit 2', async () => {
    const { env } = await tempRunnerEnv({ POKEMON_CRON_MAX_CONCURRENCY: 'abc' });
    const { code, stderr, stdout } = await runCliProcess(['list'], env);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('POKEMON_CRON_MAX_CONCURRENCY: expected a whole number from 1 to 64, got "abc"\n');
  });

  it('stops on a bad flag with one line naming the flag, exit 2', async () => {
    const { env } = await tempRunnerEnv();
    const { code, stderr } = await runCliProcess(['start', '--http-port', '99999'], env);
    expect(code).toBe(2);
    expect(stderr).toBe('--http-port: expected a port number from 0 to 65535, got "99999"\n');
  });

  it('beyond loopback without a token: probes and metrics answer, the console refuses everything, and says why', async () => {
    const { env } = await tempRunnerEnv({ POKEMON_CRON_HTTP_PORT: '0', POKEMON_CRON_HTTP_HOST: '0.0.0.0' });
    const daemon = spawnCli(['start'], env);
    try {
      const warning = await daemon.waitForStderr(/no console token configured/);
      expect(warning).toContain('POKEMON_CRON_CONSOLE_TOKENS');
      const { url } = JSON.parse(await daemon.waitForStderr(/"http server listening"/)) as { url: string };
      const port = new URL(url).port;
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(200);
      const api = await fetch(`http://127.0.0.1:${port}/api/jobs`, {
        headers: { authorization: 'Bearer guess-guess-guess' },
      });
      expect(api.status).toBe(401);
      expect(await api.json()).toMatchObject({ error: { code: 'NO_TOKENS' } });
    } finally {
      daemon.child.kill('SIGTERM');
      await daemon.exited;
    }
  });

  it('prints the effective configuration with secrets redacted', async () => {
    const { env } = await tempRunnerEnv({
      POKEMON_CRON_STORE: 'postgres://cron:s3cret-pw@db.example:5432/cron',
      SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T0/B0/SECRETPART',
      POKEMON_CRON_ADMIN_TOKEN: 'admin-token-0123456789',
    });
    const { code, stdout } = await runCliProcess(['config', '--json', '--max-concurrency', '5'], env);
    expect(code).toBe(0);
    expect(stdout).not.toMatch(/s3cret-pw|SECRETPART|admin-token-0123456789/);
    const config = JSON.parse(stdout) as { maxConcurrency: number; store: { url: string }; slackWebhookUrl: string };
    expect(config.maxConcurrency).toBe(5);
    expect(config.store.url).toBe('postgres://cron:REDACTED@db.example:5432/cron');
    expect(config.slackWebhookUrl).toBe('[redacted]');
  });
});
