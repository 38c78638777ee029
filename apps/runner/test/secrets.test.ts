import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/program.js';
import { redactUrl } from '../src/redact.js';

/** Runs the CLI in-process; returns the exit code and everything it printed. */
async function cli(env: Record<string, string>, ...argv: string[]) {
  let output = '';
  const write = (chunk: string) => (output += chunk);
  const code = await runCli(argv, {
    stdout: { write },
    stderr: { write },
    env,
    shutdown: new AbortController().signal,
  });
  return { code, output };
}

let env: Record<string, string>;

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cron-runner-secrets-'));
  env = { POKEMON_CRON_STORE: join(dir, 'scheduler.sqlite3'), LOG_LEVEL: 'silent' };
});

/** A malformed value of each secret variable, and the part of it that must never be printed. */
const MALFORMED: { variable: string; flag: string; value: string; secret: string; expected: string }[] = [
  {
    variable: 'POKEMON_CRON_ADMIN_TOKEN',
    flag: '--admin-token',
    value: 'tok3n secret',
    secret: 'tok3n',
    expected: 'a token of at least 16 characters',
  },
  {
    variable: 'SLACK_WEBHOOK_URL',
    flag: '--slack-webhook-url',
    value: 'hooks.slack.com/services/T0/B0/XyZsecret',
    secret: 'XyZsecret',
    expected: 'an http(s):// webhook URL',
  },
  {
    variable: 'POKEMON_CRON_STORE',
    flag: '--store',
    value: 'postgres://cron:hunter2@/cron',
    secret: 'hunter2',
    expected: 'an SQLite file path or a postgres:// URL',
  },
  {
    variable: 'POKEMON_CRON_STORE',
    flag: '--store',
    value: 'mysql://cron:hunter2@db/cron',
    secret: 'hunter2',
    expected: 'an SQLite file path or a postgres:// URL',
  },
  {
    variable: 'PRIMARY_DATABASE_URL',
    flag: '--primary-url',
    value: 'postgres://app:s3cr3t-pw@/app?password=q-s3cr3t',
    secret: 's3cr3t',
    expected: 'a postgres:// URL',
  },
  {
    variable: 'PRIMARY_DATABASE_URL',
    flag: '--primary-url',
    value: 'app:s3cr3t-pw@primary/app',
    secret: 's3cr3t',
    expected: 'a postgres:// URL',
  },
  {
    variable: 'PRIMARY_DATABASE_URL',
    flag: '--primary-url',
    value: 'primary/app password=s3cr3t',
    secret: 's3cr3t',
    expected: 'a postgres:// URL',
  },
  { variable: 'POKEMONTCG_API_KEY', flag: '--api-key', value: '\t', secret: '\t', expected: 'a non-empty API key' },
  {
    variable: 'POKEMON_CRON_HEALTHCHECKS_URL',
    flag: '--healthchecks-url',
    value: 'hc-ping.com/pingKeyS3cret',
    secret: 'pingKeyS3cret',
    expected: 'an http(s):// ping URL',
  },
  {
    variable: 'SENTRY_DSN',
    flag: '--sentry-dsn',
    value: 'https://dsnKeyS3cret@o1.ingest.sentry.io/',
    secret: 'dsnKeyS3cret',
    expected: 'a Sentry DSN',
  },
];

describe('configuration errors never print a secret', () => {
  it.each(MALFORMED)('$variable = $value', async ({ variable, value, secret, expected }) => {
    const { code, output } = await cli({ ...env, [variable]: value }, 'config');
    expect(code).toBe(2);
    expect(output).toContain(`${variable}: expected ${expected}`);
    expect(output).toContain('not shown');
    expect(output).not.toContain(secret);
    expect(output.trim().split('\n')).toHaveLength(1);
  });

  it.each(MALFORMED)('$flag $value', async ({ flag, value, secret }) => {
    // --admin-token belongs to `start`; the others are global.
    const argv = flag === '--admin-token' ? ['start', flag, value] : [flag, value, 'config'];
    const { code, output } = await cli(env, ...argv);
    expect(code).toBe(2);
    expect(output).toContain(`${flag}: expected`);
    expect(output).not.toContain(secret);
  });
});

describe('config redacts every form of a database password', () => {
  const urls = [
    'postgres://cron:hunter2@db/cron',
    'postgres://cron@db/cron?password=hunter2',
    'postgres://cron@db/cron?sslmode=require&sslpassword=hunter2',
    'postgresql://cron:hunter2@db/cron?PASSWORD=hunter2&application_name=runner',
  ];
  it.each(urls)('%s', async (url) => {
    expect(redactUrl(url)).not.toContain('hunter2');
    const { code, output } = await cli({ ...env, PRIMARY_DATABASE_URL: url }, 'config');
    expect(code).toBe(0);
    expect(output).not.toContain('hunter2');
    expect(output).toMatch(/primaryDatabaseUrl +postgres(ql)?:\/\/cron(:REDACTED)?@db\/cron/);
  });

  it('keeps a URL without a password as it is', () => {
    expect(redactUrl('postgres://cron@db/cron?sslmode=require')).toBe('postgres://cron@db/cron?sslmode=require');
  });
});
