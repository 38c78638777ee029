import type { InvalidJobError, InvalidOptionError } from '../core/errors.js';
import { invalidSecret, type OptionSite } from '../core/validate.js';

/** Where a Sentry DSN sends envelopes, and the key that authenticates them. @internal */
export interface SentryEndpoint {
  /** `<protocol>//<host>[/<path>]/api/<project id>/envelope/` */
  readonly envelopeUrl: string;
  /** The `X-Sentry-Auth` header. */
  readonly auth: string;
}

/**
 * Parses `https://<public key>@<host>[/<path>]/<project id>`. The errors never show the DSN
 * (the public key lets anyone send events to the project).
 *
 * @internal
 */
export function parseSentryDsn(site: OptionSite, dsn: unknown): SentryEndpoint {
  const bad = (what: string): InvalidOptionError | InvalidJobError =>
    invalidSecret(site, 'dsn', `a Sentry DSN, https://<public key>@<host>/<project id> (${what})`, 'Check SENTRY_DSN.');
  if (typeof dsn !== 'string') throw bad('not a string');
  let url: URL;
  try {
    url = new URL(dsn);
  } catch {
    throw bad('not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw bad('not http(s)');
  if (!url.username) throw bad('no public key');
  const segments = url.pathname.split('/').filter(Boolean);
  const projectId = segments.pop();
  if (!projectId || !/^\d+$/.test(projectId)) throw bad('no project id, the number at its end');
  const prefix = segments.length > 0 ? `/${segments.join('/')}` : '';
  return {
    envelopeUrl: `${url.protocol}//${url.host}${prefix}/api/${projectId}/envelope/`,
    auth: `Sentry sentry_version=7, sentry_key=${decodeURIComponent(url.username)}, sentry_client=pokemon-scheduler`,
  };
}
