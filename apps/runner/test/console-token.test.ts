// `cron-runner console-token`: a secret printed once, an entry with only its hash, and the entry
// accepted by the configuration as a token that signs in with that secret.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { cli as runCliWith } from './cli-harness.js';

const cli = (...argv: string[]) => runCliWith({ LOG_LEVEL: 'silent' }, ...argv);

describe('cron-runner console-token', () => {
  it('prints a secret and an entry the configuration accepts for it', async () => {
    const { code, stdout, stderr } = await cli('console-token', 'alice', 'operator', '--json');
    expect(code, stderr).toBe(0);
    const { secret, entry } = JSON.parse(stdout) as { secret: string; entry: string };
    expect(secret.length).toBeGreaterThanOrEqual(40);
    expect(entry).toMatch(/^alice:operator:sha256:[0-9a-f]{64}$/);
    expect(entry).not.toContain(secret);
    const [token] = loadConfig({ POKEMON_CRON_CONSOLE_TOKENS: entry }).http.consoleTokens;
    expect(token).toMatchObject({ name: 'alice', role: 'operator' });
  });

  it.each([
    [['console-token', 'alice', 'root'], '<role>: expected one of viewer, operator, admin, got "root"'],
    [['console-token', 'a b', 'viewer'], '<name>, entry 1: expected a name of letters'],
  ])('refuses %j with exit code 2', async (argv, message) => {
    const { code, stderr } = await cli(...argv);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});
