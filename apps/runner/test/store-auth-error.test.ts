import { createRequire } from 'node:module';
import { StoreError } from '@pokemon/scheduler';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/errors.js';
import { explainStoreAuthError } from '../src/store-auth-error.js';

/** pg's own SASL code path, as the client runs it when a SCRAM server asks for a password. */
const sasl = createRequire(import.meta.url)('pg/lib/crypto/sasl.js') as {
  startSession(mechanisms: string[]): unknown;
  continueSession(session: unknown, password: unknown, serverData: string): Promise<void>;
};

async function driverErrorWithoutPassword(): Promise<Error> {
  const session = sasl.startSession(['SCRAM-SHA-256']);
  const nonce = (session as { clientNonce: string }).clientNonce;
  try {
    await sasl.continueSession(session, undefined, `r=${nonce}server,s=c2FsdA==,i=4096`);
  } catch (error) {
    return error as Error;
  }
  throw new Error('pg accepted a missing password');
}

describe('a missing password against a SCRAM server', () => {
  it('becomes one sentence naming the variable, also when wrapped in a StoreError', async () => {
    const driverError = await driverErrorWithoutPassword();
    expect(driverError.message).toBe('SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string');
    for (const error of [driverError, new StoreError('init', 'Cannot connect', { cause: driverError })]) {
      const explained = explainStoreAuthError(error, 'POKEMON_CRON_STORE');
      expect(explained).toBeInstanceOf(ConfigError);
      expect((explained as Error).message).toBe(
        'POKEMON_CRON_STORE: the PostgreSQL server asks for a password (SCRAM authentication) and none was given; ' +
          'put it in the URL (postgres://user:PASSWORD@host/db) or set PGPASSWORD',
      );
    }
  });

  it('leaves other errors alone', () => {
    const other = new Error('connect ECONNREFUSED 127.0.0.1:5432');
    expect(explainStoreAuthError(other, 'POKEMON_CRON_STORE')).toBe(other);
  });
});
