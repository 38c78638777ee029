import { errorCode } from '../failures/resource-error.js';

/** Network error codes in words. */
const CAUSES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'timed out',
  ENOTFOUND: 'host name not found (DNS)',
  EAI_AGAIN: 'host name lookup failed, temporarily (DNS)',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_HEADERS_TIMEOUT: 'timed out waiting for the response headers',
  UND_ERR_BODY_TIMEOUT: 'timed out reading the response body',
  UND_ERR_SOCKET: 'connection closed by the server',
  CERT_HAS_EXPIRED: 'TLS certificate expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed TLS certificate',
};

/**
 * What a network failure was, in words, from `fetch`'s `TypeError: fetch failed`
 * (whose `cause` carries the code) or a socket error: `connection refused
 * (ECONNREFUSED 127.0.0.1:9)`, `host name not found (DNS) (ENOTFOUND api.example)`.
 * Falls back to the error's own message.
 */
export function describeNetworkError(error: unknown): string {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth++) {
    const code = errorCode(current);
    if (code === undefined) continue;
    const where = networkTarget(current);
    return `${CAUSES[code] ?? current.message} (${code}${where ? ` ${where}` : ''})`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** `address:port` or the host name a socket error names, when it does. */
function networkTarget(error: Error): string | undefined {
  const e = error as { address?: unknown; port?: unknown; hostname?: unknown };
  if (typeof e.address === 'string') return typeof e.port === 'number' ? `${e.address}:${e.port}` : e.address;
  return typeof e.hostname === 'string' ? e.hostname : undefined;
}

/** `url` without credentials: no user info, and the values of key/token/password query parameters replaced. */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    for (const name of [...parsed.searchParams.keys()]) {
      if (/key|token|secret|password|signature/i.test(name)) parsed.searchParams.set(name, 'REDACTED');
    }
    return parsed.toString();
  } catch {
    return '(an invalid URL)';
  }
}
