/**
 * The console's tokens from the configuration: `POKEMON_CRON_CONSOLE_TOKENS`, the file named by
 * `POKEMON_CRON_CONSOLE_TOKENS_FILE`, and `POKEMON_CRON_ADMIN_TOKEN` (an `admin` token named
 * `admin-token`, hashed here and never kept).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { type ConsoleToken, parseTokens } from '@pokemon/console';
import { ADMIN_TOKEN_ACTOR } from './actor.js';
import type { RunnerConfig } from './config.js';
import { ConfigError } from './errors.js';

const FILE_VARIABLE = 'POKEMON_CRON_CONSOLE_TOKENS_FILE';

async function fileTokens(path: string | undefined): Promise<ConsoleToken[]> {
  if (path === undefined) return [];
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `${FILE_VARIABLE}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      FILE_VARIABLE,
    );
  }
  try {
    return parseTokens(text, `${FILE_VARIABLE} (${path})`);
  } catch (error) {
    throw new ConfigError((error as Error).message, FILE_VARIABLE);
  }
}

/**
 * Every configured console token.
 *
 * @throws {@link ConfigError} for an unreadable or malformed token file, or a name used twice
 */
export async function consoleTokens(config: RunnerConfig): Promise<ConsoleToken[]> {
  const tokens = [...config.http.consoleTokens, ...(await fileTokens(config.http.consoleTokensFile))];
  if (config.http.adminToken !== undefined) {
    const hash = `sha256:${createHash('sha256').update(config.http.adminToken).digest('hex')}`;
    tokens.push({ name: ADMIN_TOKEN_ACTOR, role: 'admin', hash });
  }
  const names = new Set<string>();
  for (const token of tokens) {
    if (names.has(token.name)) {
      throw new ConfigError(
        `Console token name "${token.name}" is configured twice (POKEMON_CRON_CONSOLE_TOKENS, its file, or POKEMON_CRON_ADMIN_TOKEN's "${ADMIN_TOKEN_ACTOR}")`,
        'POKEMON_CRON_CONSOLE_TOKENS',
      );
    }
    names.add(token.name);
  }
  return tokens;
}
