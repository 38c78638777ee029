/** Who the runner records in the scheduler's audit log for an operator action. */
import { userInfo } from 'node:os';

/** The admin API's token (`POKEMON_CRON_ADMIN_TOKEN`), by the name the audit log gives it. */
export const ADMIN_TOKEN_ACTOR = 'admin-token';

/** The command line's actor: `cli:<os user>` (`cli:unknown` when the OS does not say). */
export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli:unknown';
  }
}
